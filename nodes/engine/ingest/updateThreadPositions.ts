import type { Queryable } from '../store/Db';

/**
 * Position of each message among its sender's touches in its thread (1 = first touch, 2 = first
 * follow-up…) and the gap in seconds to that sender's previous touch. One set-based statement over
 * the threads a run touched; a prospect's replies in the same thread do not count as touches.
 */
export async function updateThreadPositions(
	q: Queryable,
	campaignId: string,
	threadIds: string[],
): Promise<number> {
	if (threadIds.length === 0) return 0;
	const { rowCount } = await q.query(
		`with ordered as (
			select id,
				row_number() over w as position,
				extract(epoch from sent_at - lag(sent_at) over w)::bigint as gap
			from emails
			where campaign_id = $1 and thread_id = any($2::text[])
			window w as (partition by thread_id, from_address order by sent_at nulls last, id)
		)
		update emails e set thread_position = o.position, gap_from_previous_s = o.gap
		from ordered o
		where e.id = o.id
			and (e.thread_position is distinct from o.position or e.gap_from_previous_s is distinct from o.gap)`,
		[campaignId, threadIds],
	);
	return rowCount;
}
