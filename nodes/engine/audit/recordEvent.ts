import type { Queryable } from '../store/Db';
import type { EventType } from './eventTypes';

/** Appends to `campaign_events`, the audit trail every state change of a campaign leaves. */
export async function recordEvent(
	q: Queryable,
	event: {
		campaignId: string | null;
		type: EventType;
		actor?: string;
		data?: Record<string, unknown>;
	},
): Promise<void> {
	await q.query(
		'insert into campaign_events (campaign_id, type, actor, data) values ($1, $2, $3, $4)',
		[event.campaignId, event.type, event.actor ?? null, JSON.stringify(event.data ?? {})],
	);
}
