import type { Queryable } from '../../store/Db';
import type { Classified, InboundMessage, InboundResult } from './types';

type Match = NonNullable<InboundResult['matched']> & { attemptId: number; mailbox: string };

const COLUMNS = 'id, campaign_id, prospect_id, step, recipient, mailbox';

const toMatch = (row: Record<string, unknown> | undefined, by: Match['by']): Match | null =>
	row
		? {
				by,
				attemptId: Number(row.id),
				campaignId: row.campaign_id as string,
				prospectId: row.prospect_id as string,
				step: Number(row.step),
				recipient: row.recipient as string,
				mailbox: row.mailbox as string,
			}
		: null;

/**
 * The send attempt an incoming message answers: by the Message-IDs it refers to (ours are stable
 * per campaign, prospect and step), else by the address — the bounced recipient, or the sender of a
 * reply — of the latest message this engine sent there.
 */
export async function matchAttempt(
	q: Queryable,
	c: Pick<Classified, 'kind' | 'referenced' | 'recipient'>,
	m: Pick<InboundMessage, 'from'>,
): Promise<Match | null> {
	if (c.referenced.length) {
		const { rows } = await q.query(
			`select ${COLUMNS} from send_attempts where message_id = any($1::text[])
				and status in ('sent', 'unknown') order by step desc, id desc limit 1`,
			[c.referenced.map((id) => `<${id}>`)],
		);
		if (rows[0]) return toMatch(rows[0], 'message-id');
	}
	const address = c.kind === 'reply' || c.kind === 'auto_reply' ? m.from : c.recipient;
	if (!address) return null;
	const { rows } = await q.query(
		`select ${COLUMNS} from send_attempts where lower(recipient) = $1 and status in ('sent', 'unknown')
			order by sent_at desc nulls last, id desc limit 1`,
		[address.toLowerCase()],
	);
	return toMatch(rows[0], 'address');
}
