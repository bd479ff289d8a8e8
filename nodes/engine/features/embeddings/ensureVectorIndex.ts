import type { Db, Queryable } from '../../store/Db';

/** pgvector's HNSW index takes at most 2,000 dimensions of `vector`; larger models use exact scans. */
export const HNSW_MAX_DIMS = 2000;

/**
 * The HNSW candidate list for a top-k query. On the 100k-email benchmark (templated mail, many
 * near-ties) recall@10 was 0.934 at pgvector's default of 40, 0.940 at 100, 0.948 at 200 and 0.968
 * at 400, still 35× faster than the exact scan: 40 candidates per wanted row, at least 400.
 * Set per transaction, so other queries keep their own setting.
 */
export const efSearchFor = (k: number): number => Math.min(1000, Math.max(400, 40 * k));

const indexName = (dims: number) => `email_embeddings_hnsw_${dims}`;

/** Below this many new vectors an index is always maintained row by row. */
const REBUILD_MIN = 5000;

/**
 * Before storing `coming` vectors of one size: drops that size's HNSW index when they are at least
 * as many as it holds (and 5,000 or more), so `ensureVectorIndex` builds it afresh once they are
 * in. pgvector inserts into the graph row by row 3-5× slower than it builds it: 10,000 random
 * vectors in PGlite took 17.5 s maintained, 1.6 s to store plus 4.1 s to build; 100,000 were
 * stored in 15.5 s and built in 40.4 s. Meanwhile searches of that size scan exactly (same
 * answers, slower).
 */
export async function dropIndexForBulk(
	q: Queryable,
	dims: number,
	coming: number,
): Promise<boolean> {
	if (coming < REBUILD_MIN || !Number.isInteger(dims) || dims > HNSW_MAX_DIMS) return false;
	const { rows } = await q.query<{ held: number }>(
		'select count(*)::int as held from email_embeddings where dims = $1',
		[dims],
	);
	if (Number(rows[0].held) > coming) return false;
	await q.query(`drop index if exists ${indexName(dims)}`);
	return true;
}

/**
 * Memory for building one size's graph: pgvector builds it in `maintenance_work_mem` and, once the
 * graph outgrows it, goes on inserting on disk several times slower (PGlite, 60,000 random vectors
 * of 256 dimensions: 264 s at PostgreSQL's default of 64 MB, 102 s at 512 MB). About the vector
 * plus its neighbour lists per row; never less than the store's own setting, at most 512 MB.
 */
const buildMemoryBytes = (rows: number, dims: number) =>
	Math.min(512 * 2 ** 20, Math.ceil(rows * (dims * 4 + 1024) * 1.25));

/**
 * One partial HNSW (cosine) index per embedding size, created if missing at the end of every
 * embedding run (one catalog lookup when it exists; never cached, since another process may have
 * dropped it for a bulk load), with the memory its graph needs for the build. Two processes
 * creating it at once both end with the index: "already exists" is success.
 */
export async function ensureVectorIndex(db: Db, dims: number): Promise<boolean> {
	if (!Number.isInteger(dims) || dims < 1 || dims > HNSW_MAX_DIMS) return false;
	const { rows } = await db.query<{ present: boolean }>(
		'select to_regclass($1) is not null as present',
		[indexName(dims)],
	);
	if (rows[0].present) return true;
	try {
		await db.transaction(async (tx) => {
			const held = await tx.query<{ n: number }>(
				'select count(*)::int as n from email_embeddings where dims = $1',
				[dims],
			);
			await tx.query(
				`select set_config('maintenance_work_mem', (greatest(
					pg_size_bytes(current_setting('maintenance_work_mem')), $1::bigint) / 1024)::text || 'kB',
					true)`,
				[buildMemoryBytes(Number(held.rows[0].n), dims)],
			);
			await tx.query(
				`create index if not exists ${indexName(dims)} on email_embeddings
				using hnsw ((embedding::vector(${dims})) vector_cosine_ops) where dims = ${dims}`,
			);
		});
	} catch (error) {
		const code = (error as { code?: string }).code;
		if (code !== '42P07' && code !== '23505') throw error;
	}
	return true;
}
