import type { Queryable } from './Db';

/** Rows written in one run past which the planner's statistics are refreshed. */
const BULK_ROWS = 1000;

/**
 * Refreshes a table's planner statistics after a bulk write. PGlite runs no autovacuum, so without
 * this a table filled in one run still looks empty to the planner: it then prefers a btree scan and
 * a sort over the HNSW index, a nested loop over a hash join, or the wrong index of `drafts`
 * (1,000 rows filtered per sent message instead of one unique-key lookup).
 */
export async function analyzeAfterBulk(
	q: Queryable,
	table: 'emails' | 'email_features' | 'email_embeddings' | 'drafts' | 'prospects',
	rowsWritten: number,
): Promise<void> {
	if (rowsWritten >= BULK_ROWS) await q.query(`analyze ${table}`);
}
