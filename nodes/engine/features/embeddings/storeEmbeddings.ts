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
	// Arrays, not a JSON document: PostgreSQL then parses each vector once, from its own text
	// (jsonb_to_recordset first parsed ~1 MB of JSON per 500 vectors, then the text within it).
	const { rowCount } = await q.query(
		`insert into email_embeddings (email_id, campaign_id, model, kind, dims, embedding)
		select r.email_id, $1, $2, $3, vector_dims(r.embedding), r.embedding
		from unnest($4::bigint[], $5::vector[]) as r(email_id, embedding)
		on conflict (email_id) do update set model = excluded.model, kind = excluded.kind,
			dims = excluded.dims, embedding = excluded.embedding, created_at = now()`,
		[
			campaignId,
			embedder.model,
			embedder.kind,
			vectors.map((v) => v.emailId),
			vectors.map(({ vector }) => `[${vector.join(',')}]`),
		],
	);
	return rowCount;
}
