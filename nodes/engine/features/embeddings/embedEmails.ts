import type { Engine } from '../../Engine';
import { invalidInput } from '../../errors';
import { analyzeAfterBulk } from '../../store/analyzeAfterBulk';
import { type Embedder, embeddingText } from './Embedder';
import { dropIndexForBulk, ensureVectorIndex } from './ensureVectorIndex';
import { storeEmbeddings } from './storeEmbeddings';

export interface EmbeddingLog {
	model: string;
	kind: 'model' | 'lexical';
	dims: number | null;
	embedded: number;
	/** Emails with no text at all: nothing to embed. */
	empty: number;
	indexed: boolean;
}

/** Emails of the campaign with no vector from this model yet. */
async function countBacklog(engine: Engine, campaignId: string, model: string): Promise<number> {
	const { rows } = await engine.db.query<{ n: number }>(
		`select count(*)::int as n from emails e
		left join email_embeddings x on x.email_id = e.id and x.model = $2
		where e.campaign_id = $1 and x.email_id is null`,
		[campaignId, model],
	);
	return Number(rows[0].n);
}

/**
 * Embeds every email of the campaign that has no vector from this model yet, `batchSize` texts per
 * embedder call and one statement per batch, so a failure loses at most one batch and the next run
 * goes on from there (and builds the index, if this one did not get to it). The vectors must all
 * have one size; a model that changes size is an error.
 */
export async function embedEmails(
	engine: Engine,
	campaignId: string,
	embedder: Embedder,
	batchSize = 100,
): Promise<EmbeddingLog> {
	engine.requireVector();
	const log: EmbeddingLog = {
		model: embedder.model,
		kind: embedder.kind,
		dims: null,
		embedded: 0,
		empty: 0,
		indexed: false,
	};
	type Row = { id: string; subject: string; body_text: string };
	const nextBatch = (afterId: number) =>
		engine.db.query<Row>(
			`select e.id, e.subject, e.body_text from emails e
			left join email_embeddings x on x.email_id = e.id and x.model = $2
			where e.campaign_id = $1 and e.id > $3 and x.email_id is null
			order by e.id limit $4`,
			[campaignId, embedder.model, afterId, batchSize],
		);
	// Pipelined: while the database stores one batch, this process embeds the next (the embedded
	// store runs in a process of its own, so both cores work). At most one store is in flight.
	let storing: Promise<number> | null = null;
	const stored = async () => {
		if (storing) log.embedded += await storing;
		storing = null;
	};
	let backlog: number | null = null;
	try {
		let { rows } = await nextBatch(0);
		while (rows.length) {
			const texts = rows.map((r) => embeddingText(r.subject, r.body_text));
			const vectors = await embedder.embed(texts);
			if (vectors.length !== rows.length) {
				throw invalidInput(
					`The embeddings model returned ${vectors.length} vectors for ${rows.length} texts`,
				);
			}
			const batch: Array<{ emailId: number; vector: number[] }> = [];
			vectors.forEach((vector, i) => {
				// An all-zero vector (no text) has no direction: cosine distance to it is undefined.
				if (!texts[i].trim() || vector.every((v) => v === 0)) {
					log.empty++;
					return;
				}
				if (log.dims === null) log.dims = vector.length;
				if (vector.length !== log.dims) {
					throw invalidInput(
						`The embeddings model returned vectors of ${vector.length} and ${log.dims} dimensions`,
						'Use one embeddings model (and one size) per campaign.',
					);
				}
				batch.push({ emailId: Number(rows[i].id), vector });
			});
			// Asked before this batch is stored, so the database answers it first and this process
			// embeds it while the batch is written.
			const next = nextBatch(Number(rows.at(-1)!.id));
			next.catch(() => undefined);
			await stored();
			if (log.dims !== null && backlog === null) {
				backlog = await countBacklog(engine, campaignId, embedder.model);
				await dropIndexForBulk(engine.db, log.dims, backlog);
			}
			storing = storeEmbeddings(engine.db, campaignId, embedder, batch);
			// Awaited by `stored`; until then a failure must not count as unhandled.
			storing.catch(() => undefined);
			({ rows } = await next);
		}
	} catch (error) {
		// The batch in flight is stored before the error is reported; the error is the first one.
		await stored().catch(() => undefined);
		throw error;
	}
	await stored();
	// A large backlog had its index dropped (dropIndexForBulk): built once the vectors are in. A run
	// that stopped before this line leaves them unindexed (searches scan them exactly): the next
	// run builds the index, even with nothing left to embed.
	const sizes =
		log.dims !== null
			? [log.dims]
			: (
					await engine.db.query<{ dims: number }>(
						'select distinct dims from email_embeddings where campaign_id = $1 and model = $2',
						[campaignId, embedder.model],
					)
				).rows.map((r) => Number(r.dims));
	for (const dims of sizes) log.indexed = (await ensureVectorIndex(engine.db, dims)) || log.indexed;
	await analyzeAfterBulk(engine.db, 'email_embeddings', log.embedded);
	return log;
}
