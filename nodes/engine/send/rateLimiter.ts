import type { Queryable } from '../store/Db';

/**
 * Slots are spaced 3 % wider than 1/N: delivery varies by some milliseconds (the database's answer,
 * a garbage collection in the worker, the receiver's own loop), and with exact spacing any
 * later-than-usual message would let the receiver see N + 1 in some second. 1.5 % (15 ms a second)
 * was measured too little on Node 24: 1 of 5 runs at 20/s still saw 21 in a second.
 */
export const HEADROOM = 1.03;

/**
 * Even an idle key hands out its slot this far ahead, so the message is built and the switches read
 * within the wait: otherwise the first send of a run lands late and bunches with the next ones.
 */
export const LEAD_MS = 30;

/** A per-second limit on a key ("global", "mailbox:a@x.com", "domain:acme.com", "provider:smtp"). */
export interface RateLimit {
	key: string;
	perSecond: number;
}

/**
 * Reserves the next send slot on every limit at once and says how long to wait for it. Each key
 * keeps the earliest time its next send may start; one upsert moves it on by 1/N s, so any number
 * of workers in any number of processes share the limit exactly (no fixed-window bursts at a
 * boundary). Times come from the database clock, so workers' clocks do not matter.
 */
export async function reserveSlot(q: Queryable, limits: RateLimit[]): Promise<number> {
	const active = limits.filter((l) => l.perSecond > 0).sort((a, b) => a.key.localeCompare(b.key));
	if (!active.length) return 0;
	const { rows } = await q.query<{ wait_ms: number }>(
		`with wanted as (
			select key, make_interval(secs => $2 / per_second) as spacing
			from jsonb_to_recordset($1::jsonb) as l(key text, per_second float8)
		), reserved as (
			insert into rate_limits (key, next_at)
			select key, clock_timestamp() + make_interval(secs => $3 / 1000.0) + spacing from wanted
			on conflict (key) do update
				set next_at = greatest(rate_limits.next_at, clock_timestamp() + make_interval(secs => $3 / 1000.0))
					+ (select spacing from wanted w where w.key = excluded.key)
			returning key, next_at
		)
		select coalesce(max(extract(epoch from (r.next_at - w.spacing - clock_timestamp())) * 1000), 0)::float8 as wait_ms
		from reserved r join wanted w using (key)`,
		[
			JSON.stringify(active.map((l) => ({ key: l.key, per_second: l.perSecond }))),
			HEADROOM,
			LEAD_MS,
		],
	);
	return Math.max(0, Number(rows[0]?.wait_ms ?? 0));
}

/**
 * Counts one send against rolling-24-hour caps, if every cap still has room (hourly buckets, one
 * transaction, keys locked in a fixed order so workers never deadlock). Returns the key that is
 * full, or null when the send was counted.
 */
export async function takeDaily(
	q: Queryable,
	caps: Array<{ key: string; perDay: number }>,
): Promise<string | null> {
	const active = caps
		.filter((c) => Number.isFinite(c.perDay))
		.sort((a, b) => a.key.localeCompare(b.key));
	for (const cap of active) {
		await q.query('select pg_advisory_xact_lock(hashtext($1))', [`daily:${cap.key}`]);
		const { rows } = await q.query<{ used: number }>(
			`select coalesce(sum(count), 0)::int as used from rate_buckets
			where key = $1 and bucket_start > now() - interval '24 hours'`,
			[`daily:${cap.key}`],
		);
		if (Number(rows[0].used) >= cap.perDay) return cap.key;
	}
	for (const cap of active) {
		await q.query(
			`insert into rate_buckets (key, bucket_start, count) values ($1, date_trunc('hour', now()), 1)
			on conflict (key, bucket_start) do update set count = rate_buckets.count + 1`,
			[`daily:${cap.key}`],
		);
	}
	return null;
}
