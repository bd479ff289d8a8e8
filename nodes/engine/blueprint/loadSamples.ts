import type { Queryable } from '../store/Db';
import type { AggregateWindow } from './aggregateFeatures';
import type { LearnFrom } from './types';

/** A first touch's subject, recipient and opening sentence: the raw material of examples. */
export interface FirstTouchSample {
	source: string;
	subject: string;
	recipient: string | null;
	opening: string | null;
}

const SOURCE_FILTER: Record<LearnFrom, string> = {
	all: 'true',
	brand: "f.source = 'brand'",
	competitors: "f.source = 'competitor'",
};

/**
 * Up to `limit` first touches of the learning group in the window, oldest first (a stable order,
 * so the same data always yields the same examples).
 */
export async function loadFirstTouches(
	q: Queryable,
	campaignId: string,
	learnFrom: LearnFrom,
	window: AggregateWindow,
	limit = 500,
): Promise<FirstTouchSample[]> {
	const { rows } = await q.query<FirstTouchSample>(
		`select f.source, e.subject, e.to_addresses[1] as recipient,
			f.signals->'opening'->>'sentence' as opening
		from email_features f join emails e on e.id = f.email_id
		where f.campaign_id = $1 and f.follow_up_index = 0 and ${SOURCE_FILTER[learnFrom]}
			and f.unresolved_merge_tags = 0
			and ($2::timestamptz is null or e.sent_at >= $2::timestamptz)
			and ($3::timestamptz is null or e.sent_at < $3::timestamptz)
		order by e.sent_at nulls last, e.id
		limit $4`,
		[campaignId, window.since ?? null, window.until ?? null, limit],
	);
	return rows;
}
