// One measured scenario in its own process (so peak RSS is its own). argv: JSON of
// { mode: 'parse' | 'prepare' | 'ingest', file, store?: 'embedded' | 'postgres', pgUrl?, dir }.
// 'prepare' only creates the store (for PGlite: initdb and migrations, a one-time cost of a new store).
// Prints one JSON line: { messages, seconds, rate, peakRssMb }.
import { createReadStream } from 'node:fs';

import PostalMime from 'postal-mime';

import {
	closeAllEngines,
	createCampaign,
	fileMessages,
	ingestMessages,
	openEngine,
} from '../nodes/engine';
import { mboxMessages } from '../nodes/engine/ingest/mboxMessages';
import { benchStoreConfig } from './benchStore';
import { childPeakRssMb } from './childPeakRss';

interface Args {
	mode: 'parse' | 'prepare' | 'ingest' | 'scale';
	file: string;
	/** 'scale': mbox files ingested one after another into one campaign; `measured` flags each. */
	files?: Array<{ file: string; measured: boolean }>;
	store?: 'embedded' | 'postgres';
	pgUrl?: string;
	dir: string;
	/** Parser worker threads (the engine's default when absent). */
	workers?: number;
}

// The kernel's own high-water mark: a sampling timer cannot run while PGlite's WebAssembly works.
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function main(): Promise<void> {
	const args = JSON.parse(process.argv[2]) as Args;
	const start = process.hrtime.bigint();
	let messages = 0;
	if (args.mode === 'parse') {
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
			fileMessages({ fileName: 'bench.mbox', content: createReadStream(args.file) }),
			{ parseWorkers: args.workers },
		);
		messages = log.inserted;
		if (log.errorCount)
			throw new Error(`${log.errorCount} errors: ${JSON.stringify(log.errors.slice(0, 3))}`);
		const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
		const storePeak = childPeakRssMb();
		await closeAllEngines();
		return report(messages, seconds, storePeak);
	}
	report(messages, Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * The per-message cost as one campaign grows: the files go in one after another (each a run of its
 * own, as a person adds mail), and the measured ones report their seconds per message.
 */
async function scale(args: Args, campaignId: string): Promise<void> {
	const engine = await openEngine(benchStoreConfig(args));
	const slices: Array<{ campaignSize: number; messages: number; msPerMessage: number }> = [];
	let size = 0;
	for (const { file, measured } of args.files ?? []) {
		const t0 = process.hrtime.bigint();
		const log = await ingestMessages(
			engine,
			{ campaignId, source: 'brand' },
			fileMessages({ fileName: 'bench.mbox', content: createReadStream(file) }),
			{ parseWorkers: args.workers },
		);
		if (log.errorCount)
			throw new Error(`${log.errorCount} errors: ${JSON.stringify(log.errors.slice(0, 3))}`);
		size += log.inserted;
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		if (measured)
			slices.push({
				campaignSize: size,
				messages: log.inserted,
				msPerMessage: +(ms / log.inserted).toFixed(3),
			});
	}
	await closeAllEngines();
	process.stdout.write(
		JSON.stringify({ slices, peakRssMb: Math.round(peakRss() / 2 ** 20) }) + '\n',
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
