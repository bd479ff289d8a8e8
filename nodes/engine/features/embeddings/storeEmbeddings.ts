import type { Queryable } from '../../store/Db';
import type { Embedder } from './Embedder';

/** Writes one batch of vectors (one statement); an email embedded by another model is replaced. */
export async function storeEmbeddings(
	q: Queryable,
	campaignId: string,
	embedder: Embedder,
	vectors: Array<{ emailId: number; vector: number[] }>,
): Promise<number> {
	if (vectors.length === 0) return 0;
	const { rowCount } = await q.query(
		`insert into email_embeddings (email_id, campaign_id, model, kind, dims, embedding)
		select r.email_id, $1, $2, $3, r.dims, r.embedding::vector
		from jsonb_to_recordset($4::jsonb) as r(email_id bigint, dims int, embedding text)
		on conflict (email_id) do update set model = excluded.model, kind = excluded.kind,
			dims = excluded.dims, embedding = excluded.embedding, created_at = now()`,
		[
			campaignId,
			embedder.model,
			embedder.kind,
			JSON.stringify(
				vectors.map(({ emailId, vector }) => ({
					email_id: emailId,
					dims: vector.length,
					embedding: `[${vector.join(',')}]`,
				})),
			),
		],
	);
	return rowCount;
}
