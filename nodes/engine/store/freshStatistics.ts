import type { Queryable } from './Db';

/** Rows a campaign must gain since the last ANALYZE, at least, before the next one. */
const MIN_ROWS = 1000;

/**
 * The columns a run's own statements filter on, where the table is wide: the lookups and the
 * conflict check of an ingest. The other keyed columns are read after the run
 * (analyzeAfterBulk.ts); statistics of every column cost 4× the CPU (PGlite at 20k emails: 270 ms
 * an ANALYZE against 70 ms). The row count the planner needs most is updated either way.
 */
const RUN_COLUMNS: Partial<Record<string, string>> = {
	emails:
		'(campaign_id, source, competitor, provider_message_id, thread_id, from_address, sent_at)',
};

/**
 * Keeps a table's planner statistics fresh while one long run fills one campaign's share of it.
 * PGlite has no autovacuum and PostgreSQL's does not run inside a busy run: a campaign that grew
 * from 0 to 20,000 rows inside one ingest still looks empty to the planner, which then picks an
 * index that reads the campaign's rows for every inserted one (a second campaign of a store cost
 * 10 ms a message at 20k, 16-26× its first 10k). A send run's statements are planned once per
 * connection (named, generic): planned while the campaign had few attempts, they read every attempt
 * for each batch until an ANALYZE makes PostgreSQL plan them again. An ANALYZE whenever the campaign
 * has grown by half since the last one costs O(log n) ANALYZEs for a run of n rows; one that
 * another run is already making is skipped, not waited for.
 */
export async function freshStatistics(
	q: Queryable,
	table: 'emails' | 'email_features' | 'send_attempts',
	campaignId: string,
): Promise<(rowsWritten: number) => Promise<void>> {
	const { rows } = await q.query<{ n: number | string }>(
		`select count(*)::bigint as n from ${table} where campaign_id = $1`,
		[campaignId],
	);
	let known = Number(rows[0]?.n ?? 0);
	let since = 0;
	return async (rowsWritten: number) => {
		since += rowsWritten;
		if (since < Math.max(MIN_ROWS, known / 2)) return;
		await q.query(`analyze (skip_locked) ${table} ${RUN_COLUMNS[table] ?? ''}`);
		known += since;
		since = 0;
	};
}
