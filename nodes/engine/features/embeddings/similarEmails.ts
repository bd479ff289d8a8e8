import type { Engine } from '../../Engine';
import { invalidInput, notFound } from '../../errors';
import type { Embedder } from './Embedder';
import { efSearchFor, HNSW_MAX_DIMS } from './ensureVectorIndex';

export interface SimilarQuery {
	campaignId: string;
	/** Find emails like this stored one… */
	emailId?: number;
	/** …or like this text (embedded with `embedder`). */
	text?: string;
	embedder: Embedder;
	source?: 'brand' | 'competitor';
	limit?: number;
}

export interface SimilarEmail {
	email_id: number;
	source: string;
	competitor: string | null;
	subject: string;
	similarity: number;
}

/**
 * The stored emails nearest to an email or a text by cosine similarity, through the HNSW index of
 * the embedder's size (pgvector 0.8's iterative scan keeps filtered results complete).
 */
export async function similarEmails(engine: Engine, query: SimilarQuery): Promise<SimilarEmail[]> {
	engine.requireVector();
	let vector: number[];
	if (query.emailId !== undefined) {
		const { rows } = await engine.db.query<{ embedding: string; model: string }>(
			'select embedding::text as embedding, model from email_embeddings where email_id = $1 and campaign_id = $2',
			[query.emailId, query.campaignId],
		);
		if (!rows[0]) {
			throw notFound(
				`Email ${query.emailId} has no embedding in campaign ${query.campaignId}`,
				'Run Sales Feature Extractor on the campaign first (it embeds what it featurizes).',
			);
		}
		if (rows[0].model !== query.embedder.model) {
			throw invalidInput(
				`Email ${query.emailId} was embedded with ${rows[0].model}, not ${query.embedder.model}`,
				'Connect the same embeddings model that featurized the campaign, or re-run the extractor.',
			);
		}
		vector = JSON.parse(rows[0].embedding) as number[];
	} else if (query.text?.trim()) {
		[vector] = await query.embedder.embed([query.text]);
	} else {
		throw invalidInput('Give an email ID or a text to find similar emails');
	}
	const dims = vector.length;
	if (!Number.isInteger(dims) || dims < 1) throw invalidInput('The embedding has no dimensions');
	const cast = dims <= HNSW_MAX_DIMS ? `::vector(${dims})` : '';
	const limit = Math.min(Math.max(query.limit ?? 10, 1), 1000);
	return await engine.db.transaction(async (tx) => {
		await tx.query("select set_config('hnsw.iterative_scan', 'relaxed_order', true)");
		await tx.query("select set_config('hnsw.ef_search', $1, true)", [String(efSearchFor(limit))]);
		const { rows } = await tx.query<SimilarEmail>(
			`select x.email_id, e.source, e.competitor, e.subject,
				1 - (x.embedding${cast} <=> $1${cast}) as similarity
			from email_embeddings x join emails e on e.id = x.email_id
			where x.dims = ${dims} and x.campaign_id = $2 and x.model = $3
				and ($4::text is null or e.source = $4) and x.email_id is distinct from $5
			order by x.embedding${cast} <=> $1${cast}
			limit $6`,
			[
				`[${vector.join(',')}]`,
				query.campaignId,
				query.embedder.model,
				query.source ?? null,
				query.emailId ?? null,
				limit,
			],
		);
		// The iterative scan may return near-ties slightly out of order.
		return rows
			.map((r) => ({
				...r,
				email_id: Number(r.email_id),
				similarity: Math.round(Number(r.similarity) * 1e4) / 1e4,
			}))
			.sort((a, b) => b.similarity - a.similarity);
	});
}
