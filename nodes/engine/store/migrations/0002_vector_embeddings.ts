/**
 * Embeddings need pgvector. The column is an unsized `vector` so each model keeps its own
 * dimensions; HNSW needs a fixed size, so each size gets a partial expression index
 * (this one for the built-in lexical embedder; other sizes are indexed when first stored).
 */
export const LEXICAL_EMBEDDING_DIMS = 256;

export const sql = /* sql */ `
create table email_embeddings (
	email_id bigint primary key references emails (id) on delete cascade,
	campaign_id uuid not null references campaigns (id) on delete cascade,
	model text not null,
	kind text not null check (kind in ('model', 'lexical')),
	dims int not null,
	embedding vector not null,
	created_at timestamptz not null default now(),
	check (vector_dims(embedding) = dims)
);
create index email_embeddings_campaign_idx on email_embeddings (campaign_id, dims);
create index email_embeddings_hnsw_${LEXICAL_EMBEDDING_DIMS}
	on email_embeddings
	using hnsw ((embedding::vector(${LEXICAL_EMBEDDING_DIMS})) vector_cosine_ops)
	where dims = ${LEXICAL_EMBEDDING_DIMS};
`;
