// The main job on embedded defaults: runs the shipped quick-start workflow in a real n8n with the
// package installed as a user installs it, on the embedded store, and says where to look.
// Started by scripts/demo.sh (which provides n8n and the packed package).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { N8n, outputOf } from '../e2e/helpers/n8n';

async function main(): Promise<void> {
	const folder = resolve(process.env.SALES_ENGINE_DEMO_DIR ?? '.demo');
	const n8n = await N8n.withPackage(folder);
	const workflows = join(__dirname, '..', 'workflows');
	await n8n.import(
		'workflow',
		readdirSync(workflows)
			.filter((file) => file.endsWith('.json'))
			.map((file) => JSON.parse(readFileSync(join(workflows, file), 'utf8')) as object),
	);
	const execution = await n8n.execute('SEquickstart0001');
	const error = execution.data.resultData.error;
	if (execution.code !== 0 || error) {
		throw new Error(`the workflow failed: ${error?.message ?? execution.raw.stderr}`);
	}
	const [status] = outputOf(execution, 'Campaign status');
	const store = join(folder, '.n8n', 'sales-engine');
	console.log(
		[
			'',
			`Campaign ${String(status.id)} created in a real n8n on the embedded store.`,
			`  stage:      ${String(status.stage)} (next: ${String(status.nextStep)})`,
			`  database:   ${join(store, 'db')} (PGlite, PostgreSQL 18 + pgvector)`,
			`  raw objects: ${join(store, 'objects')}`,
			`  n8n folder: ${folder} (see it in n8n's UI: npm run ui)`,
			'',
		].join('\n'),
	);
}

main().catch((error: Error) => {
	console.error(`demo failed: ${error.message}`);
	process.exit(1);
});
