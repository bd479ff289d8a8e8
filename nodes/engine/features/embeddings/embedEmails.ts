import type { Engine } from '../../Engine';
import { invalidInput } from '../../errors';
import { analyzeAfterBulk } from '../../store/analyzeAfterBulk';
import { type Embedder, embeddingText } from './Embedder';
import { ensureVectorIndex } from './ensureVectorIndex';
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

/**
 * Embeds every email of the campaign that has no vector from this model yet, `batchSize` texts per
 * embedder call and one statement per batch, so a failure loses at most one batch and the next run
 * goes on from there. The vectors must all have one size; a model that changes size is an error.
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
	let afterId = 0;
	for (;;) {
		const { rows } = await engine.db.query<{ id: string; subject: string; body_text: string }>(
			`select e.id, e.subject, e.body_text from emails e
			left join email_embeddings x on x.email_id = e.id and x.model = $2
			where e.campaign_id = $1 and e.id > $3 and x.email_id is null
			order by e.id limit $4`,
			[campaignId, embedder.model, afterId, batchSize],
		);
		if (rows.length === 0) break;
		afterId = Number(rows.at(-1)!.id);
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
		if (log.dims !== null && !log.indexed)
			log.indexed = await ensureVectorIndex(engine.db, log.dims);
		log.embedded += await storeEmbeddings(engine.db, campaignId, embedder, batch);
	}
	await analyzeAfterBulk(engine.db, 'email_embeddings', log.embedded);
	return log;
}
