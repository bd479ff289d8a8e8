// One measured scenario in its own process (so peak RSS is its own). argv: JSON of
// { mode: 'parse' | 'prepare' | 'ingest', file, store?: 'embedded' | 'postgres', pgUrl?, dir }.
// 'prepare' only creates the store (for PGlite: initdb and migrations, a one-time cost of a new store).
// Prints one JSON line: { messages, seconds, rate, peakRssMb }.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

import PostalMime from 'postal-mime';

import {
	closeAllEngines,
	createCampaign,
	fileMessages,
	ingestMessages,
	openEngine,
} from '../nodes/engine';
import { ConcatBlob } from '../nodes/engine/ingest/concatBlob';
import { mboxMessages } from '../nodes/engine/ingest/mboxMessages';
import { benchStoreConfig } from './benchStore';
import { childPeakRssMb } from './childPeakRss';

interface Args {
	mode: 'parse' | 'prepare' | 'ingest' | 'scale';
	file: string;
	/** 'scale': the sizes the campaign's cost is read at, and the second campaign's mbox. */
	sizes?: number[];
	files?: Array<{ file: string }>;
	store?: 'embedded' | 'postgres';
	pgUrl?: string;
	dir: string;
	/** Parser worker threads (the engine's default when absent). */
	workers?: number;
	/** 'ingest': the errors the file is made to hold (rows the reader must report and skip). */
	expectErrors?: number;
	/** 'parse': postal-mime with the Blob the parser threads give it (ingest/concatBlob.ts). */
	concatBlob?: boolean;
}

// The kernel's own high-water mark: a sampling timer cannot run while PGlite's WebAssembly works.
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function main(): Promise<void> {
	const args = JSON.parse(process.argv[2]) as Args;
	const start = process.hrtime.bigint();
	let messages = 0;
	if (args.mode === 'parse') {
		if (args.concatBlob) globalThis.Blob = ConcatBlob as unknown as typeof Blob;
		// The bare rate of the chosen parser: split the mbox and parse each message, nothing else.
		for await (const item of mboxMessages(createReadStream(args.file), {
			name: 'bench',
			maxMessageBytes: 64 << 20,
		})) {
			if (item.kind !== 'mime') continue;
			await PostalMime.parse(item.raw);
			messages++;
		}
	} else {
		const config = benchStoreConfig(args);
		const engine = await openEngine(config);
		if (args.mode === 'prepare') {
			const storePeak = childPeakRssMb();
			await closeAllEngines();
			return report(0, Number(process.hrtime.bigint() - start) / 1e9, storePeak);
		}
		const campaign = await createCampaign(engine, { brand: { name: 'Bench' } });
		if (args.mode === 'scale') return await scale(args, campaign.id);
		const t0 = process.hrtime.bigint();
		const log = await ingestMessages(
			engine,
			{ campaignId: campaign.id, source: 'brand' },
			fileMessages({ fileName: basename(args.file), content: createReadStream(args.file) }),
			{ parseWorkers: args.workers },
		);
		messages = log.inserted;
		if (log.errorCount !== (args.expectErrors ?? 0))
			throw new Error(`${log.errorCount} errors: ${JSON.stringify(log.errors.slice(0, 3))}`);
		const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
		const storePeak = childPeakRssMb();
		await closeAllEngines();
		return report(messages, seconds, storePeak);
	}
	report(messages, Number(process.hrtime.bigint() - start) / 1e9);
}

/** Items as they are read, with the time the `n`th was asked for, for each n in `marks`. */
async function* timed<T>(items: AsyncIterable<T>, marks: Set<number>, at: Map<number, number>) {
	let n = 0;
	for await (const item of items) {
		if (marks.has(++n)) at.set(n, performance.now());
		yield item;
	}
	// The last message's window closes when the run asks for one more.
	at.set(n, performance.now());
}

/**
 * The per-message cost as one campaign grows within one run (a whole archive at once): the time
 * the window of `slice` messages before each of `sizes` took, read as the run asks for messages
 * (parsing runs at most a batch ahead of storing). Then a second campaign of the same store gets
 * `slice * 2` messages, measured the same way: its rows are few among the first campaign's.
 */
async function scale(args: Args, campaignId: string): Promise<void> {
	const engine = await openEngine(benchStoreConfig(args));
	const sizes = args.sizes ?? [];
	const slice = Math.min(10_000, sizes[0]);
	const windows = async (
		campaign: string,
		file: string,
		points: number[],
	): Promise<Array<{ campaignSize: number; msPerMessage: number }>> => {
		const marks = new Set(points.flatMap((p) => [p - slice, p]).filter((n) => n > 0));
		const at = new Map<number, number>();
		const t0 = performance.now();
		const log = await ingestMessages(
			engine,
			{ campaignId: campaign, source: 'brand' },
			timed(fileMessages({ fileName: 'bench.mbox', content: createReadStream(file) }), marks, at),
			{ parseWorkers: args.workers },
		);
		if (log.errorCount)
			throw new Error(`${log.errorCount} errors: ${JSON.stringify(log.errors.slice(0, 3))}`);
		// Every window ends when the run asks for the message after it: the last one too, so the
		// run's closing steps (thread positions of every thread it touched) are not billed to it.
		return points.map((p) => ({
			campaignSize: p,
			msPerMessage: +((at.get(p)! - (at.get(p - slice) ?? t0)) / slice).toFixed(3),
		}));
	};
	const first = await windows(campaignId, args.file, sizes);
	const other = await createCampaign(engine, { brand: { name: 'Bench B' } });
	const second = await windows(other.id, args.files?.[0]?.file ?? args.file, [slice, 2 * slice]);
	await closeAllEngines();
	process.stdout.write(
		JSON.stringify({ slice, first, second, peakRssMb: Math.round(peakRss() / 2 ** 20) }) + '\n',
	);
}

function report(messages: number, seconds: number, storePeakRssMb = 0): void {
	process.stdout.write(
		JSON.stringify({
			messages,
			seconds: +seconds.toFixed(2),
			rate: Math.round(messages / seconds),
			peakRssMb: Math.round(peakRss() / 2 ** 20),
			storePeakRssMb,
		}) + '\n',
	);
}

main().catch((error: Error) => {
	process.stdout.write(JSON.stringify({ error: error.message }) + '\n');
	process.exit(1);
});
