import { recordEvent } from '../../audit/recordEvent';
import type { Engine } from '../../Engine';
import { sha256 } from '../../objectStore/contentKey';
import type { Queryable } from '../../store/Db';
import { addSuppression } from '../suppressions';
import { classifyInbound } from './classifyInbound';
import { matchAttempt } from './matchAttempt';
import { type ReplyClass, replyClassOf } from './replyClass';
import type { Classified, InboundMessage, InboundResult } from './types';

type Match = NonNullable<Awaited<ReturnType<typeof matchAttempt>>>;

/** What each kind changes once it is matched to a message this engine sent; returns what it did. */
async function applyEffect(
	tx: Queryable,
	c: Classified,
	m: InboundMessage,
	match: Match,
	replyClass: ReplyClass | null,
	actor: string | undefined,
): Promise<string> {
	const event = (type: string) =>
		recordEvent(tx, {
			campaignId: match.campaignId,
			type,
			actor,
			data: {
				prospectId: match.prospectId,
				step: match.step,
				from: m.from,
				subject: m.subject,
				reason: c.reason,
				status: c.status,
				replyClass,
			},
		});
	if (c.kind === 'reply') {
		await tx.query(
			'update send_attempts set replied_at = coalesce(replied_at, now()) where id = $1',
			[match.attemptId],
		);
		const { rowCount } = await tx.query(
			"update prospects set status = 'replied', updated_at = now() where id = $1 and status = 'active'",
			[match.prospectId],
		);
		await event('reply_received');
		const stopped = rowCount
			? 'prospect marked replied: the rest of the sequence is not sent'
			: 'reply recorded (the prospect was no longer active)';
		if (replyClass !== 'unsubscribe_request') return stopped;
		// Asking by reply to stop is an opt-out as binding as the link (CAN-SPAM, GDPR objection).
		await addSuppression(tx, {
			kind: 'unsubscribed',
			value: match.recipient,
			reason: 'asked by reply to stop receiving these emails',
			source: 'reply',
		});
		return `${stopped}; ${match.recipient} suppressed (asked to stop)`;
	}
	if (c.kind === 'hard_bounce' || c.kind === 'complaint') {
		const value = c.recipient ?? match.recipient;
		if (c.kind === 'hard_bounce') {
			await tx.query(
				'update send_attempts set bounced_at = coalesce(bounced_at, now()), bounce_status = $2 where id = $1',
				[match.attemptId, c.status ?? '5.0.0'],
			);
		}
		await addSuppression(tx, {
			kind: c.kind === 'complaint' ? 'complaint' : 'hard_bounce',
			value,
			reason: [c.status, c.diagnostic ?? c.reason].filter(Boolean).join(' '),
			source: c.kind === 'complaint' ? 'complaint report' : 'bounce',
		});
		await event(c.kind === 'complaint' ? 'complaint_received' : 'bounce_received');
		return `${value} suppressed (${c.kind === 'complaint' ? 'complaint' : 'hard bounce'})`;
	}
	if (c.kind === 'soft_bounce') {
		await tx.query(
			'update send_attempts set bounce_status = $2 where id = $1 and bounced_at is null',
			[match.attemptId, c.status ?? '4.0.0'],
		);
		await event('soft_bounce_received');
		return 'soft bounce recorded: a temporary failure, nothing suppressed';
	}
	if (c.kind === 'auto_reply') {
		await event('auto_reply_received');
		return 'automatic reply recorded: not counted as a reply, the sequence goes on';
	}
	return 'nothing changed';
}

/**
 * Takes in one incoming message: classifies it, matches it to the message it answers, and applies
 * what it means (a reply stops the prospect's sequence, a hard bounce or complaint suppresses the
 * address). Each message is taken in once: the same Message-ID again changes nothing and returns
 * the first result. Mail that answers nothing this engine sent changes nothing: a bounce for a
 * message we never sent (backscatter) must not suppress anyone.
 */
export async function recordInbound(
	engine: Engine,
	m: InboundMessage,
	actor?: string,
): Promise<InboundResult> {
	const c = classifyInbound(m);
	const replyClass = replyClassOf(c, m.text);
	const key =
		m.messageId ?? `sha256:${sha256(Buffer.from(JSON.stringify([m.from, m.subject, m.text])))}`;
	return await engine.db.transaction(async (tx) => {
		// Inserted first: a second intake of the same message waits here, then finds it taken.
		const { rows } = await tx.query<{ id: number }>(
			`insert into inbound_messages (message_key, kind) values ($1, $2)
			on conflict (message_key) do nothing returning id`,
			[key, c.kind],
		);
		if (!rows[0]) {
			const { rows: before } = await tx.query<{ result: InboundResult }>(
				'select result from inbound_messages where message_key = $1',
				[key],
			);
			return { ...before[0].result, duplicate: true };
		}
		const match = c.kind === 'other' ? null : await matchAttempt(tx, c, m);
		const effect = match
			? await applyEffect(tx, c, m, match, replyClass, actor)
			: 'nothing changed: it answers no message this engine sent';
		const { attemptId, ...matched } = match ?? { attemptId: null };
		const result: InboundResult = {
			...c,
			replyClass,
			matched: match ? (matched as InboundResult['matched']) : null,
			effect,
			duplicate: false,
		};
		await tx.query(
			`update inbound_messages set campaign_id = $2, prospect_id = $3, attempt_id = $4, result = $5,
				reply_class = $6 where id = $1`,
			[
				rows[0].id,
				match?.campaignId ?? null,
				match?.prospectId ?? null,
				attemptId,
				JSON.stringify(result),
				match ? replyClass : null,
			],
		);
		return result;
	});
}
