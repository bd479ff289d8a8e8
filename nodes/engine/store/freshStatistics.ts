import type { Queryable } from './Db';

/** Rows a table must gain since its last ANALYZE, at least, before the next one. */
const MIN_ROWS = 1000;

/**
 * Keeps a table's planner statistics fresh while one long run fills it. PGlite has no autovacuum
 * and PostgreSQL's runs only between statements of a busy run: a table that grew from 0 to 20,000
 * rows inside one ingest still looks empty to the planner, which then probes the wrong index for
 * every inserted row (86 ms a row at 20k). An ANALYZE whenever the table has grown by half since
 * the last one costs O(log n) ANALYZEs for a run of n rows, so the per-row cost stays flat.
 */
export async function freshStatistics(
	q: Queryable,
	table: 'emails' | 'email_features',
): Promise<(rowsWritten: number) => Promise<void>> {
	const { rows } = await q.query<{ n: number | string | null }>(
		'select greatest(reltuples, 0)::bigint as n from pg_class where oid = $1::regclass',
		[table],
	);
	let known = Number(rows[0]?.n ?? 0);
	let since = 0;
	return async (rowsWritten: number) => {
		since += rowsWritten;
		if (since < Math.max(MIN_ROWS, known / 2)) return;
		await q.query(`analyze ${table}`);
		known += since;
		since = 0;
	};
}
