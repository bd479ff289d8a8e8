import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freshSchemaScript } from './migrate';

/**
 * PGlite's start parameters for the embedded store, in its process and in the initdb child: 16 MB
 * of shared buffers instead of 128 took the resident memory of the process holding PGlite from
 * ~500 to ~330 MB (docs/benchmarks.md).
 */
export const EMBEDDED_START_PARAMS = ['-c', 'shared_buffers=16MB'];

// Runs in a child Node process: PGlite creates the cluster there and closes it.
const INITDB = `
const [pglite, pgvector, dataDir, params, schema] = process.argv.slice(1);
const { PGlite } = require(pglite);
const { vector } = require(pgvector);
Promise.resolve()
	.then(() => require('node:fs').mkdirSync(require('node:path').dirname(dataDir), { recursive: true }))
	.then(() =>
		PGlite.create({
			dataDir,
			extensions: { vector },
			startParams: [...PGlite.defaultStartParams, ...JSON.parse(params)],
		}),
	)
	.then(async (pg) => {
		// A schema that fails here rolls back whole; the parent's migrate() then applies it and
		// reports the error in its own words.
		if (schema) await pg.exec(schema).catch(() => pg.exec('rollback'));
		await pg.close();
	})
	.then(
		() => process.exit(0),
		(error) => {
			process.stderr.write(String(error && error.message ? error.message : error));
			process.exit(1);
		},
	);
`;

/**
 * Creates a new embedded store — the cluster and its whole schema — in a short-lived child
 * process. initdb inside PGlite peaks at ~1 GB and the first schema (loading pgvector, creating
 * every table) at ~750 MB; in the n8n process those peaks would be its own, and a WebAssembly
 * memory never shrinks. Opening a store that exists costs ~250 MB (docs/benchmarks.md). A folder
 * that already holds a cluster is left as it is (`migrate` brings its schema up to date).
 * `schema: false` creates the cluster only (the credential test, which migrates nothing).
 */
export async function initEmbeddedFolder(
	dataDir: string,
	options: { schema?: boolean } = {},
): Promise<void> {
	if (existsSync(join(dataDir, 'PG_VERSION'))) return;
	const initdb = promisify(execFile)(
		process.execPath,
		[
			'-e',
			INITDB,
			require.resolve('@electric-sql/pglite'),
			require.resolve('@electric-sql/pglite-pgvector'),
			dataDir,
			JSON.stringify(EMBEDDED_START_PARAMS),
			options.schema === false ? '' : freshSchemaScript(),
		],
		// The parent's Node options (a test runner's loaders, say) are not the child's.
		// A child that hangs never holds the node for good (a new store takes ~5 s).
		{ env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 1 << 20, timeout: 300_000 },
	);
	// The child's own words, not its command line (which holds the script above).
	await initdb.catch((error: { stderr?: string; message: string }) => {
		throw new Error(`creating the database failed: ${error.stderr?.trim() || error.message}`);
	});
}
