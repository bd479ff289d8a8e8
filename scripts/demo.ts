// The main job on embedded defaults: runs the shipped campaign workflow on its sample data in a real
// n8n with the package installed as a user installs it, on the embedded store and the dry-run
// outbox, and says where to look. Started by scripts/demo.sh (which provides n8n and the package).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { N8n, outputOf } from '../e2e/helpers/n8n';

async function main(): Promise<void> {
	const folder = resolve(process.env.SALES_ENGINE_DEMO_DIR ?? '.demo');
	const n8n = await N8n.withPackage(folder);
	// The compose stack's first-start commands: its credentials (a fresh webhook key and unsubscribe
	// secret), every workflow.
	process.env.SALES_ENGINE_WEBHOOK_KEY ??= randomBytes(32).toString('base64url');
	process.env.SALES_ENGINE_UNSUBSCRIBE_SECRET ??= randomBytes(24).toString('base64url');
	const credentials = join(folder, 'demo-credentials');
	const made = await n8n.run('node', [
		join(__dirname, '..', 'docker', 'make-credentials.js'),
		credentials,
	]);
	if (made.code !== 0) throw new Error(made.stderr);
	await n8n.importFolder('credentials', credentials);
	const workflows = join(__dirname, '..', 'workflows');
	await n8n.import(
		'workflow',
		readdirSync(workflows)
			.filter((file) => file.endsWith('.json'))
			.map((file) => JSON.parse(readFileSync(join(workflows, file), 'utf8')) as object),
	);
	const execution = await n8n.execute('SEcampaign000001');
	const error = execution.data.resultData.error;
	if (error || !execution.data.resultData.runData['Review drafts']) {
		throw new Error(`the workflow failed: ${error?.message ?? execution.raw.stderr}`);
	}
	const [link] = outputOf(execution, 'Approval link');
	const [blueprint] = outputOf(execution, 'Synthesize Blueprint');
	const drafts = outputOf(execution, 'Review drafts');
	const generated = [
		...(execution.data.resultData.runData['Draft from items']
			? outputOf(execution, 'Draft from items')
			: []),
	];
	const needsEdit = generated.reduce((n, g) => n + Number(g.needsEdit ?? 0), 0);
	const store = join(folder, '.n8n', 'sales-engine');
	const report = (blueprint.reportKeys as { htmlKey?: string } | undefined)?.htmlKey;
	console.log(
		[
			'',
			`Campaign ${String(link.campaignId)} ran in a real n8n on the embedded store, sample data:`,
			`  Blueprint:   version ${String(blueprint.version)} (${String((blueprint.synthesis as { path?: string })?.path)} synthesis)`,
			`  report:      ${report ? join(store, 'objects', report) : '(none)'}`,
			`  drafts:      ${drafts.length} waiting for approval, ${needsEdit} need an edit (they break the Blueprint)`,
			`  approval:    the workflow waits at ${String(link.approvalUrl)}`,
			'               (start n8n with `npm run ui`, open that page, approve)',
			`  then send:   run the "Sales Engine: send worker" workflow; the dry run writes each message to`,
			`               ${join(store, 'objects', 'outbox', String(link.campaignId))}`,
			`  database:    ${join(store, 'db')} (PGlite, PostgreSQL 18 + pgvector)`,
			`  n8n folder:  ${folder}`,
			'',
		].join('\n'),
	);
}

main().catch((error: Error) => {
	console.error(`demo failed: ${error.message}`);
	process.exit(1);
});
