// npm run bench:ingest — mbox ingestion throughput against the bare parse rate of the parser
// (postal-mime) measured in the same run, on PGlite and on the machine's PostgreSQL, with peak RSS;
// then peak RSS for a large mbox (default 1 GB); then the per-message cost as one campaign grows
// to 10k, 50k and 200k messages; then a CSV export with 100 broken rows. Each scenario runs in its
// own process. BENCH_MESSAGES (default 100000), BENCH_LARGE_MB (default 1024, 0 skips), BENCH_SCALE
// (default 10000,50000,200000; 0 skips), BENCH_CSV (rows, default 100000; 0 skips),
// BENCH_OBJECTS_FOLDER (where the local object folders go; default beside each store, in the temp
// folder): the raw payloads are one file per message, and on some disks creating a file costs
// 10-30× what it costs on others (docs/benchmarks.md), which this puts to the side of the engine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { extname, join } from 'node:path';

import { createTestDatabase } from '../test/helpers/postgres';
import { runChild } from '../test/helpers/runChild';
import { tempDir } from '../test/helpers/tempDir';
import { generateCsv } from './generateCsv';
import { generateMbox } from './generateMbox';

interface Result {
	messages: number;
	seconds: number;
	rate: number;
	peakRssMb: number;
	/** The embedded store's own process (PGlite), when there is one. */
	storePeakRssMb?: number;
	error?: string;
}

// Compiled beside this file by `npm run bench:ingest`, so no transpiler runs inside the measurement.
const SCENARIO = join(__dirname, `ingestScenario${extname(__filename)}`);

async function scenario(args: object): Promise<Result> {
	// Written-back first, untimed: otherwise the kernel writes the previous scenario's files (or
	// the generated mbox) to disk during this one, on the same two cores.
	execFileSync('sync');
	const result = await runChild<Result>(SCENARIO, [JSON.stringify(args)]);
	if (result.error) throw new Error(result.error);
	return result;
}

/** `bare`: the baseline a line is a share of; `baseline` marks the bare runs themselves. */
type Line = (name: string, r: Result, bare?: Result, baseline?: Result) => void;

/**
 * BENCH_MESSAGES small messages: the bare parse rate, then full ingestion into both stores, in-thread
 * (parseWorkers 0, the baseline of the worker pool) and with the default parser worker pool, then
 * the bare parse rate again. The faster bare run is the baseline: on a shared machine one slow
 * moment in a single bare run would flatter every ratio.
 */
async function smallMessages(count: number, dir: string, line: Line): Promise<void> {
	const file = join(dir, 'bench.mbox');
	const bytes = await generateMbox(file, count);
	console.log(`generated ${count} messages, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
	const bareBefore = await scenario({ mode: 'parse', file, dir });
	const results: Array<[string, Result]> = [];
	for (const store of ['embedded', 'postgres'] as const) {
		for (const workers of [0, undefined]) {
			const result = await inStore(store, {
				mode: 'ingest',
				file,
				dir: join(dir, `small-${store}-${workers ?? 'pool'}`),
				workers,
			});
			const how = workers === 0 ? 'parsing in-thread' : 'parser worker pool';
			results.push([`ingest → ${label(store)} + local objects, ${how}`, result]);
		}
	}
	const bareAfter = await scenario({ mode: 'parse', file, dir });
	const bare = bareAfter.rate > bareBefore.rate ? bareAfter : bareBefore;
	// Not a baseline: how much of the parse the parser threads' Blob saves (ingest/concatBlob.ts).
	const concat = await scenario({ mode: 'parse', file, dir, concatBlob: true });
	line('bare parse (mbox split + postal-mime), before the ingests', bareBefore, undefined, bare);
	line('bare parse, after the ingests', bareAfter, undefined, bare);
	line("bare parse with the parser threads' Blob (ingest/concatBlob.ts)", concat, bare);
	for (const [name, result] of results) line(name, result, bare);
}

/** A large mbox (100 KB attachments reach the size with a bounded count): peak RSS per store. */
async function largeMbox(megabytes: number, dir: string, line: Line): Promise<void> {
	const file = join(dir, 'large.mbox');
	const bytes = await generateMbox(
		file,
		Math.ceil((megabytes * 2 ** 20) / (140 * 1024)),
		100 * 1024,
	);
	const size = `${(bytes / 2 ** 30).toFixed(2)} GiB`;
	console.log(`generated ${size} mbox`);
	for (const store of ['embedded', 'postgres'] as const) {
		const result = await inStore(store, { mode: 'ingest', file, dir: join(dir, `large-${store}`) });
		line(`ingest ${size} mbox (100 KB attachments) → ${label(store)}`, result);
	}
}

/** A CSV export with 100 rows whose quote never closes, into each store (parser worker pool). */
async function csvExport(rows: number, dir: string, line: Line): Promise<void> {
	const file = join(dir, 'export.csv');
	const bytes = generateCsv(file, rows, 100);
	const size = `${(bytes / 2 ** 20).toFixed(1)} MiB`;
	console.log(`generated a ${rows}-row CSV, ${size}`);
	for (const store of ['embedded', 'postgres'] as const) {
		const result = await inStore(store, {
			mode: 'ingest',
			file,
			dir: join(dir, `csv-${store}`),
			expectErrors: 100,
		});
		line(`ingest ${rows}-row CSV (${size}, 100 broken rows) → ${label(store)}`, result);
	}
}

const label = (store: 'embedded' | 'postgres') => (store === 'postgres' ? 'PostgreSQL' : 'PGlite');

/**
 * Runs a scenario on a new PGlite folder or a fresh PostgreSQL database. A new PGlite store is
 * created first in its own process (initdb and migrations happen once per store and peak on their
 * own, reported apart), so the measured ingest sees the store as every later run does.
 */
async function inStore<R = Result>(
	store: 'embedded' | 'postgres',
	args: {
		mode: 'ingest' | 'scale';
		file: string;
		dir: string;
		workers?: number;
		expectErrors?: number;
		files?: object[];
		sizes?: number[];
	},
): Promise<R> {
	if (store === 'embedded') {
		const prepared = await scenario({ ...args, mode: 'prepare', store });
		firstOpenPeakMb = Math.max(firstOpenPeakMb, prepared.peakRssMb);
		return (await scenario({ ...args, store })) as R;
	}
	const database = await createTestDatabase();
	try {
		return (await scenario({ ...args, store, pgUrl: database.url })) as R;
	} finally {
		await database.drop();
	}
}

let firstOpenPeakMb = 0;

interface Window {
	campaignSize: number;
	msPerMessage: number;
}

/**
 * One run of `max(sizes)` messages into a new campaign, its cost per message read in the window
 * before each size; then a second campaign of the same store. Linear cost: the same ms per message
 * at 200k as at 10k.
 */
async function scaling(sizes: number[], dir: string): Promise<string[]> {
	const file = join(dir, 'scale.mbox');
	await generateMbox(file, Math.max(...sizes));
	const second = join(dir, 'scale-second.mbox');
	await generateMbox(second, 2 * Math.min(10_000, sizes[0]));
	console.log(`generated ${Math.max(...sizes)} messages for the scaling run`);
	const rows: string[] = [];
	for (const store of ['embedded', 'postgres'] as const) {
		const result = await inStore<{ slice: number; first: Window[]; second: Window[] }>(store, {
			mode: 'scale',
			file,
			files: [{ file: second }],
			sizes,
			dir: join(dir, `scale-${store}`),
		});
		const base = result.first[0].msPerMessage;
		for (const [campaign, list] of [
			['first', result.first],
			['second', result.second],
		] as const)
			for (const w of list)
				rows.push(
					`| ${label(store)} | ${campaign} | ${w.campaignSize} | ${w.msPerMessage} | ${(w.msPerMessage / base).toFixed(2)}× |`,
				);
	}
	return rows;
}

async function main(): Promise<void> {
	const count = Number(process.env.BENCH_MESSAGES ?? 100_000);
	const largeMb = Number(process.env.BENCH_LARGE_MB ?? 1024);
	const scale = (process.env.BENCH_SCALE ?? '10000,50000,200000')
		.split(',')
		.map(Number)
		.filter((n) => n > 0);
	const csvRows = Number(process.env.BENCH_CSV ?? 100_000);
	let scaleRows: string[] = [];
	const dir = tempDir('bench-ingest-');
	const objectsFolder = process.env.BENCH_OBJECTS_FOLDER;
	// Inherited by every scenario's process (benchStore.ts).
	if (objectsFolder)
		process.env.BENCH_OBJECTS_ROOT = mkdtempSync(join(objectsFolder, 'bench-objects-'));
	const rows: string[] = [];
	const line: Line = (name, r, bare, baseline) => {
		const share = bare
			? `${Math.round((100 * r.rate) / bare.rate)} %`
			: r === baseline
				? '100 % (baseline: the faster)'
				: baseline
					? `${Math.round((100 * r.rate) / baseline.rate)} %`
					: '–';
		rows.push(
			`| ${name} | ${r.messages} | ${r.seconds} | ${r.rate} | ${share} | ${r.peakRssMb} | ${r.storePeakRssMb || '–'} |`,
		);
	};
	try {
		console.log(
			`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
		);
		console.log(`object folders in ${process.env.BENCH_OBJECTS_ROOT ?? dir.path}`);
		if (count > 0) await smallMessages(count, dir.path, line);
		if (largeMb > 0) await largeMbox(largeMb, dir.path, line);
		if (scale.length) scaleRows = await scaling(scale, dir.path);
		if (csvRows > 0) await csvExport(csvRows, dir.path, line);
	} finally {
		dir.remove();
		if (process.env.BENCH_OBJECTS_ROOT)
			rmSync(process.env.BENCH_OBJECTS_ROOT, { recursive: true, force: true });
	}
	console.log(
		'\n| scenario | messages | seconds | msg/s | of bare parse rate | peak RSS MB | store process peak RSS MB |\n|---|---|---|---|---|---|---|',
	);
	console.log(rows.join('\n'));
	console.log(
		`\nfirst open of a new PGlite store (initdb + migrations, once per store): peak RSS ${firstOpenPeakMb} MB`,
	);
	if (scaleRows.length)
		console.log(
			`\nOne run into a new campaign, then one into a second campaign of the same store; each row is the ${Math.min(10_000, scale[0])} messages before that size, parser worker pool:\n\n| store | campaign | size reached | ms per message | of the first window |\n|---|---|---|---|---|\n${scaleRows.join('\n')}`,
		);
}

main().catch((error: Error) => {
	console.error(`bench failed: ${error.message}`);
	process.exit(1);
});
