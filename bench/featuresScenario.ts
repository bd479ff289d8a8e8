// One store's feature benchmark in its own process. argv: JSON of
// { file, store: 'embedded' | 'postgres', pgUrl?, dir, queries }.
// Ingests the mbox (not timed), then times: signal extraction alone (in memory), extraction with
// storage, lexical embedding with storage (HNSW maintained), and top-10 searches by HNSW against
// an exact scan (speed ratio, recall@10) at Similar Emails' candidate list and, as the baseline of
// the same run, at pgvector's default of 40. Prints one JSON line.
import { createReadStream } from 'node:fs';

import {
	closeAllEngines,
	createCampaign,
	embedEmails,
	type Engine,
	extractFeatures,
	extractSignals,
	fileMessages,
	ingestMessages,
	lexicalEmbedder,
	lexicalVector,
	openEngine,
} from '../nodes/engine';
import { efSearchFor } from '../nodes/engine/features/embeddings/ensureVectorIndex';
import { benchStoreConfig } from './benchStore';
import { childPeakRssMb } from './childPeakRss';

interface Args {
	file: string;
	store: 'embedded' | 'postgres';
	pgUrl?: string;
	dir: string;
	queries: number;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Top-10 ids and distances for one query vector: by exact scan, or through the index with an HNSW
 * candidate list of `ef` (pgvector's default 40, or what Similar Emails sets for k = 10).
 */
async function top10(engine: Engine, campaignId: string, vector: number[], ef: number | 'exact') {
	return await engine.db.transaction(async (tx) => {
		if (ef === 'exact') await tx.query("select set_config('enable_indexscan', 'off', true)");
		else await tx.query("select set_config('hnsw.ef_search', $1, true)", [String(ef)]);
		const { rows } = await tx.query<{ id: string; d: number }>(
			`select email_id as id, embedding::vector(256) <=> $1::vector(256) as d
			from email_embeddings where dims = 256 and campaign_id = $2
			order by embedding::vector(256) <=> $1::vector(256) limit 10`,
			[`[${vector.join(',')}]`, campaignId],
		);
		return rows.map((r) => ({ id: r.id, d: Number(r.d) }));
	});
}

async function main(): Promise<void> {
	const args = JSON.parse(process.argv[2]) as Args;
	const config = benchStoreConfig(args);
	const engine = await openEngine(config);
	const campaign = await createCampaign(engine, { brand: { name: 'Bench' } });
	await ingestMessages(
		engine,
		{ campaignId: campaign.id, source: 'brand' },
		fileMessages({ fileName: 'bench.mbox', content: createReadStream(args.file) }),
	);

	// Signals alone: the same emails, already in memory, no database.
	const { rows: bodies } = await engine.db.query<{ subject: string; body_text: string }>(
		'select subject, body_text from emails where campaign_id = $1',
		[campaign.id],
	);
	let t = process.hrtime.bigint();
	for (const row of bodies) {
		extractSignals({
			subject: row.subject,
			body: row.body_text,
			signature: '',
			html: null,
			threadPosition: 1,
			gapSeconds: null,
			previousBody: null,
		});
	}
	const signalsAlone = bodies.length / seconds(t);

	t = process.hrtime.bigint();
	const log = await extractFeatures(engine, campaign.id);
	const withStorage = log.featurized / seconds(t);

	const result: Record<string, unknown> = {
		emails: bodies.length,
		signalsAlone: Math.round(signalsAlone),
		withStorage: Math.round(withStorage),
	};
	if (!engine.schema.vector.usable) {
		result.vector = engine.schema.vector.reason ?? 'pgvector is not available';
	} else {
		t = process.hrtime.bigint();
		const embedded = await embedEmails(engine, campaign.id, lexicalEmbedder, 500);
		result.embedSeconds = Math.round(seconds(t) * 10) / 10;
		result.embedPerSecond = Math.round(embedded.embedded / (result.embedSeconds as number));
		const texts = bodies.filter((_, i) => i % Math.ceil(bodies.length / args.queries) === 0);
		const engineEf = efSearchFor(10);
		// pgvector's default (the baseline), the engine's choice, and larger lists to see the curve.
		const lists = [...new Set([40, 100, 200, engineEf])];
		const time = new Map<number | 'exact', number>([
			['exact', 0],
			...lists.map((ef) => [ef, 0] as const),
		]);
		const hits = new Map<number, number>(lists.map((ef) => [ef, 0]));
		for (const row of texts) {
			// A query near, not equal to, a stored email: its body with the first word changed.
			const vector = lexicalVector(`Hello ${row.subject} ${row.body_text}`);
			const timed = async (ef: number | 'exact') => {
				const s = process.hrtime.bigint();
				const found = await top10(engine, campaign.id, vector, ef);
				time.set(ef, time.get(ef)! + seconds(s));
				return found;
			};
			// The exact scan first, so every index search finds the same pages in memory.
			const exact = await timed('exact');
			// Ties are common in templated mail: an answer as near as the exact 10th counts as a hit.
			const tenth = exact.at(-1)?.d ?? 0;
			for (const ef of lists)
				hits.set(ef, hits.get(ef)! + (await timed(ef)).filter((r) => r.d <= tenth + 1e-9).length);
		}
		const ms = (t: number) => +((t / texts.length) * 1000).toFixed(2);
		const recall = (ef: number) => +(hits.get(ef)! / (texts.length * 10)).toFixed(3);
		result.queries = texts.length;
		result.efSearch = engineEf;
		result.hnswMs = ms(time.get(engineEf)!);
		result.exactMs = ms(time.get('exact')!);
		result.speedup = +(time.get('exact')! / time.get(engineEf)!).toFixed(1);
		result.recallAt10 = recall(engineEf);
		result.byEfSearch = lists.map((ef) => ({ ef, ms: ms(time.get(ef)!), recallAt10: recall(ef) }));
		result.baseHnswMs = ms(time.get(40)!);
		result.baseRecallAt10 = recall(40);
	}
	result.storePeakRssMb = childPeakRssMb();
	await closeAllEngines();
	result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: Error) => {
	process.stdout.write(`${JSON.stringify({ error: error.message })}\n`);
	process.exit(1);
});
