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
	// What the stack publishes: the campaign's form and approval summary page, the send worker (a
	// dry run every minute), the unsubscribe and kill-switch webhooks.
	for (const id of publishedWorkflows()) await n8n.publish(id);
	const execution = await n8n.execute('SEcampaign000001');
	const error = execution.data.resultData.error;
	if (error || !execution.data.resultData.runData['Review drafts']) {
		throw new Error(`the workflow failed: ${error?.message ?? execution.raw.stderr}`);
	}
	const [link] = outputOf(execution, 'Approval link');
	const [blueprint] = outputOf(execution, 'Synthesize Blueprint');
	const [page] = outputOf(execution, 'Review drafts');
	const counts = page.counts as { drafts: number; prospects: number; needsEdit: number };
	const notes = (page.notes as Array<{ message: string }>).map((n) => n.message);
	const store = join(folder, '.n8n', 'sales-engine');
	const report = (blueprint.reportKeys as { htmlKey?: string } | undefined)?.htmlKey;
	const outbox = join(store, 'objects', 'outbox', String(link.campaignId));
	const base = new URL(String(link.approvalUrl)).origin;
	console.log(
		[
			'',
			`Campaign ${String(link.campaignId)} ran in a real n8n on the embedded store, sample data:`,
			`  Blueprint:   version ${String(blueprint.version)} (${String((blueprint.synthesis as { path?: string })?.path)} synthesis)`,
			`  report:      ${report ? join(store, 'objects', report) : '(none)'}`,
			`  drafts:      ${counts.drafts} for ${counts.prospects} prospects wait for approval; ${counts.needsEdit} need an edit (they break the Blueprint: the page says which rule)`,
			...(notes.length ? [`  before you approve: ${notes.join('; ')}`] : []),
			'',
			'Next:',
			'  1. npm run ui',
			`     starts n8n on ${base} with this folder; the campaign, send worker, unsubscribe and`,
			'     kill-switch workflows are published.',
			`  2. To see the workflows and their executions, open ${base} and create the owner`,
			'     account (any name, email and password: it stays in this folder).',
			'  3. Open the approval page (no sign-in needed):',
			`     ${String(link.approvalUrl)}`,
			'     Choose "Approve all passing drafts", enter your email as Reviewer, and submit. The',
			'     summary page that follows says what is queued, what is blocked and when the first',
			'     message is due.',
			'  4. The published send worker runs every minute. Its dry run writes each due message at',
			'     once, at any hour (the sending window applies to real providers), as an .eml file to',
			`     ${outbox}`,
			'     To send now, open "Sales Engine: send worker" in n8n and click "Execute workflow".',
			`  database:    ${join(store, 'db')} (PGlite, PostgreSQL 18 + pgvector)`,
			`  n8n folder:  ${folder}`,
			'',
		].join('\n'),
	);
}

/** The workflow IDs docker/published-workflows.txt lists (the compose stack reads the same file). */
function publishedWorkflows(): string[] {
	return readFileSync(join(__dirname, '..', 'docker', 'published-workflows.txt'), 'utf8')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line && !line.startsWith('#'));
}

main().catch((error: Error) => {
	console.error(`demo failed: ${error.message}`);
	process.exit(1);
});
