// One measured scenario in its own process (so peak RSS is its own). argv: JSON of
// { mode: 'parse' | 'ingest', file, store?: 'embedded' | 'postgres', pgUrl?, dir }.
// Prints one JSON line: { messages, seconds, rate, peakRssMb }.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';

import PostalMime from 'postal-mime';

import {
	closeAllEngines,
	createCampaign,
	fileMessages,
	ingestMessages,
	openEngine,
	type StoreConfig,
} from '../nodes/engine';
import { mboxMessages } from '../nodes/engine/ingest/mboxMessages';

interface Args {
	mode: 'parse' | 'ingest';
	file: string;
	store?: 'embedded' | 'postgres';
	pgUrl?: string;
	dir: string;
}

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 50);

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
		const config: StoreConfig = {
			database:
				args.store === 'postgres'
					? { kind: 'postgres', connectionString: args.pgUrl!, ssl: 'disable' }
					: { kind: 'embedded', folder: join(args.dir, 'db') },
			objects: { kind: 'local', folder: join(args.dir, 'objects') },
		};
		const engine = await openEngine(config);
		const campaign = await createCampaign(engine, { brand: { name: 'Bench' } });
		const t0 = process.hrtime.bigint();
		const log = await ingestMessages(
			engine,
			{ campaignId: campaign.id, source: 'brand' },
			fileMessages({ fileName: 'bench.mbox', content: createReadStream(args.file) }),
		);
		messages = log.inserted;
		if (log.errorCount)
			throw new Error(`${log.errorCount} errors: ${JSON.stringify(log.errors.slice(0, 3))}`);
		const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
		await closeAllEngines();
		return report(messages, seconds);
	}
	report(messages, Number(process.hrtime.bigint() - start) / 1e9);
}

function report(messages: number, seconds: number): void {
	sample();
	clearInterval(timer);
	process.stdout.write(
		JSON.stringify({
			messages,
			seconds: +seconds.toFixed(2),
			rate: Math.round(messages / seconds),
			peakRssMb: Math.round(peak / 2 ** 20),
		}) + '\n',
	);
}

main().catch((error: Error) => {
	process.stdout.write(JSON.stringify({ error: error.message }) + '\n');
	process.exit(1);
});
