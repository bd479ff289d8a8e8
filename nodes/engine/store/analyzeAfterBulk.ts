import type { Queryable } from './Db';

/** Rows written in one run past which the planner's statistics are refreshed. */
const BULK_ROWS = 1000;

/**
 * The columns of a wide table that statements filter, join, group or sort on. No statement selects
 * emails by their text (subjects, bodies, address lists and metadata are read, never searched), and
 * their statistics were most of the ANALYZE: PGlite at 20,000 emails 200 ms for every column, 76 ms
 * for these (docs/benchmarks.md). The row count the planner needs most is updated either way.
 */
const KEYED_COLUMNS: Partial<Record<string, string>> = {
	emails: `(id, campaign_id, source, competitor, provider, provider_message_id, thread_id,
		thread_position, gap_from_previous_s, from_address, sent_at, created_at, content_hash)`,
};

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
	if (rowsWritten >= BULK_ROWS) await q.query(`analyze ${table} ${KEYED_COLUMNS[table] ?? ''}`);
}
