// npm run bench:features — signal extraction alone and with storage (emails/s), lexical embedding
// with storage, and HNSW top-10 against an exact scan (speed ratio, recall@10), on PGlite and on
// the machine's PostgreSQL (which says so when it has no pgvector). Each store in its own process.
// BENCH_EMAILS (default 100000), BENCH_QUERIES (default 200), BENCH_STORE (embedded or postgres: one).
import { cpus, totalmem } from 'node:os';
import { extname, join } from 'node:path';

import { createTestDatabase } from '../test/helpers/postgres';
import { runChild } from '../test/helpers/runChild';
import { tempDir } from '../test/helpers/tempDir';
import { generateMbox } from './generateMbox';

type Result = Record<string, number | string | undefined> & { error?: string };

const SCENARIO = join(__dirname, `featuresScenario${extname(__filename)}`);

async function main(): Promise<void> {
	const count = Number(process.env.BENCH_EMAILS ?? 100_000);
	const queries = Number(process.env.BENCH_QUERIES ?? 200);
	const dir = tempDir('bench-features-');
	console.log(
		`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
	);
	const rows: string[] = [];
	try {
		const file = join(dir.path, 'bench.mbox');
		await generateMbox(file, count);
		console.log(`generated ${count} emails`);
		for (const store of ['embedded', 'postgres'] as const) {
			if (process.env.BENCH_STORE && process.env.BENCH_STORE !== store) continue;
			const database = store === 'postgres' ? await createTestDatabase() : undefined;
			try {
				const r = await runChild<Result>(SCENARIO, [
					JSON.stringify({
						file,
						store,
						pgUrl: database?.url,
						dir: join(dir.path, store),
						queries,
					}),
				]);
				if (r.error) throw new Error(r.error);
				const name = store === 'embedded' ? 'PGlite' : 'PostgreSQL';
				console.log(name, JSON.stringify(r));
				rows.push(
					`| ${name} | ${r.emails} | ${r.signalsAlone} | ${r.withStorage} | ${r.embedPerSecond ? `${r.embedPerSecond} (${r.embedSeconds} s)` : '–'} | ${
						r.vector
							? `no pgvector: ${r.vector}`
							: `ef_search ${r.efSearch}: ${r.hnswMs} ms vs ${r.exactMs} ms (${r.speedup}×), recall@10 ${r.recallAt10} over ${r.queries} queries (pgvector's default 40: ${r.baseHnswMs} ms, recall@10 ${r.baseRecallAt10})`
					} | ${r.peakRssMb} | ${r.storePeakRssMb || '–'} |`,
				);
			} finally {
				await database?.drop();
			}
		}
	} finally {
		dir.remove();
	}
	console.log(
		'\n| store | emails | signals alone (emails/s) | signals + storage (emails/s) | lexical embed + storage (emails/s) | top-10: HNSW vs exact | peak RSS MB | store process peak RSS MB |\n|---|---|---|---|---|---|---|---|',
	);
	console.log(rows.join('\n'));
}

main().catch((error: Error) => {
	console.error(`bench failed: ${error.message}`);
	process.exit(1);
});
