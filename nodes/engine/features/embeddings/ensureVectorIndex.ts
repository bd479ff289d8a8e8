import type { Queryable } from '../../store/Db';

/** pgvector's HNSW index takes at most 2,000 dimensions of `vector`; larger models use exact scans. */
export const HNSW_MAX_DIMS = 2000;

const ensured = new WeakMap<Queryable, Set<number>>();

/**
 * One partial HNSW (cosine) index per embedding size, created the first time that size is stored.
 * Two processes creating it at once both end with the index: "already exists" is success.
 */
export async function ensureVectorIndex(q: Queryable, dims: number): Promise<boolean> {
	if (!Number.isInteger(dims) || dims < 1 || dims > HNSW_MAX_DIMS) return false;
	const done = ensured.get(q) ?? new Set<number>();
	ensured.set(q, done);
	if (done.has(dims)) return true;
	try {
		await q.query(
			`create index if not exists email_embeddings_hnsw_${dims} on email_embeddings
			using hnsw ((embedding::vector(${dims})) vector_cosine_ops) where dims = ${dims}`,
		);
	} catch (error) {
		const code = (error as { code?: string }).code;
		if (code !== '42P07' && code !== '23505') throw error;
	}
	done.add(dims);
	return true;
}
