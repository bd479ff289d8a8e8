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

/** A reservation's answer: how long to wait for the slot, and whether it was taken. */
export interface Slot {
	waitMs: number;
	/** False when the slot was further off than the caller would wait: nothing was reserved. */
	reserved: boolean;
}

/**
 * Reserves the next send slot on every limit at once and says how long to wait for it. Each key
 * keeps the earliest time its next send may start; one upsert moves it on by 1/N s, so any number
 * of workers in any number of processes share the limit exactly (no fixed-window bursts at a
 * boundary). Times come from the database clock, so workers' clocks do not matter. With
 * `maxWaitMs`, a slot further off is only reported, not taken: a draft that will be deferred
 * leaves the slot to one that can use it.
 */
export async function reserveSlot(
	q: Queryable,
	limits: RateLimit[],
	maxWaitMs: number | null = null,
): Promise<Slot> {
	const active = limits.filter((l) => l.perSecond > 0).sort((a, b) => a.key.localeCompare(b.key));
	if (!active.length) return { waitMs: 0, reserved: true };
	const { rows } = await q.query<{ projected_ms: number; wait_ms: number | null }>(
		`with wanted as (
			select key, make_interval(secs => $2 / per_second) as spacing
			from jsonb_to_recordset($1::jsonb) as l(key text, per_second float8)
		), projected as (
			select coalesce(max(extract(epoch from (greatest(r.next_at,
				clock_timestamp() + make_interval(secs => $3 / 1000.0)) - clock_timestamp())) * 1000), 0)::float8 as wait_ms
			from wanted w left join rate_limits r using (key)
		), reserved as (
			insert into rate_limits (key, next_at)
			select key, clock_timestamp() + make_interval(secs => $3 / 1000.0) + spacing from wanted
			where $4::float8 is null or (select wait_ms from projected) <= $4::float8
			on conflict (key) do update
				set next_at = greatest(rate_limits.next_at, clock_timestamp() + make_interval(secs => $3 / 1000.0))
					+ (select spacing from wanted w where w.key = excluded.key)
			returning key, next_at
		)
		select (select wait_ms from projected) as projected_ms,
			(select max(extract(epoch from (r.next_at - w.spacing - clock_timestamp())) * 1000)::float8
				from reserved r join wanted w using (key)) as wait_ms`,
		[
			JSON.stringify(active.map((l) => ({ key: l.key, per_second: l.perSecond }))),
			HEADROOM,
			LEAD_MS,
			maxWaitMs === null || !Number.isFinite(maxWaitMs) ? null : maxWaitMs,
		],
	);
	const r = rows[0];
	if (r?.wait_ms === null || r?.wait_ms === undefined)
		return { waitMs: Math.max(0, Number(r?.projected_ms ?? 0)), reserved: false };
	return { waitMs: Math.max(0, Number(r.wait_ms)), reserved: true };
}

/**
 * Counts one send against rolling-24-hour caps, if every cap still has room (hourly buckets, one
 * transaction, keys locked in a fixed order so workers never deadlock). Returns the key that is
 * full, or null when the send was counted. The count is the attempt's (`daily_keys`): should it
 * not be sent after all (deferred, released, its worker dead before the hand-over), the database
 * gives the count back, so a cap counts sends, not claims. An attempt no longer this worker's takes
 * nothing (its hand-over will refuse it).
 */
export async function takeDaily(
	q: Queryable,
	caps: Array<{ key: string; perDay: number }>,
	attempt: { attemptId: number; workerId: string },
): Promise<string | null> {
	const active = caps
		.filter((c) => Number.isFinite(c.perDay))
		.sort((a, b) => a.key.localeCompare(b.key));
	const keys = active.map((c) => `daily:${c.key}`);
	// The attempt's row is locked first, as the reaper locks attempts before their refunds.
	const { rowCount } = await q.query(
		`update send_attempts set daily_keys = $3::text[], daily_at = now()
		where id = $1 and worker_id = $2 and status = 'sending' and daily_keys is null`,
		[attempt.attemptId, attempt.workerId, keys],
	);
	if (!rowCount) return null;
	for (const cap of active) {
		await q.query('select pg_advisory_xact_lock(hashtext($1))', [`daily:${cap.key}`]);
		const { rows } = await q.query<{ used: number }>(
			`select coalesce(sum(count), 0)::int as used from rate_buckets
			where key = $1 and bucket_start > now() - interval '24 hours'`,
			[`daily:${cap.key}`],
		);
		if (Number(rows[0].used) >= cap.perDay) {
			await q.query('update send_attempts set daily_keys = null, daily_at = null where id = $1', [
				attempt.attemptId,
			]);
			return cap.key;
		}
	}
	await q.query(
		`insert into rate_buckets (key, bucket_start, count)
		select k, date_trunc('hour', now()), 1 from unnest($1::text[]) as k
		on conflict (key, bucket_start) do update set count = rate_buckets.count + 1`,
		[keys],
	);
	return null;
}
