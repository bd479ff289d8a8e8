import type { EventType } from '../../audit/eventTypes';
import { recordEvent } from '../../audit/recordEvent';
import type { Engine } from '../../Engine';
import { sha256 } from '../../objectStore/contentKey';
import type { Queryable } from '../../store/Db';
import { recordTemporaryFailure, TEMPORARY_LIMIT } from '../bounce/deliveryFailures';
import { recordSenderRefusal } from '../mailboxHealth';
import { addSuppression } from '../suppressions';
import { classifyInbound } from './classifyInbound';
import { matchAttempt } from './matchAttempt';
import { type ReplyClass, replyClassOf } from './replyClass';
import type { Classified, InboundMessage, InboundResult, RecipientResult } from './types';

type Match = NonNullable<Awaited<ReturnType<typeof matchAttempt>>>;

/** The audit event of one recipient's consequence, with what the report said about it. */
function recordRecipientEvent(
	tx: Queryable,
	type: EventType,
	attempt: { campaignId: string; prospectId: string; step: number },
	r: RecipientResult,
	actor: string | undefined,
) {
	return recordEvent(tx, {
		campaignId: attempt.campaignId,
		type,
		actor,
		data: {
			prospectId: attempt.prospectId,
			step: attempt.step,
			address: r.address,
			reason: r.reason,
			status: r.status,
			consequence: r.consequence,
			diagnostic: r.diagnostic,
		},
	});
}

/**
 * What one recipient of a bounce or complaint changes (the consequence table in docs/sending.md).
 * Only an address this engine sent to is acted on: a report naming others (backscatter, a list
 * the message was forwarded to) changes nothing for them.
 */
async function recipientEffect(
	tx: Queryable,
	c: Classified,
	m: InboundMessage,
	match: Match,
	r: RecipientResult,
	actor: string | undefined,
): Promise<string> {
	const attempt =
		r.address === match.recipient.toLowerCase()
			? match
			: await matchAttempt(tx, { kind: c.kind, referenced: [], recipient: r.address }, m);
	if (!attempt) return `${r.address}: no message of ours went there, nothing changed`;
	const event = (type: EventType) => recordRecipientEvent(tx, type, attempt, r, actor);
	const why = [r.status, r.diagnostic ?? r.reason].filter(Boolean).join(' ');
	const failure = {
		address: r.address,
		mailbox: attempt.mailbox,
		campaignId: attempt.campaignId,
		reason: r.reason,
		status: r.status,
		diagnostic: r.diagnostic,
		source: 'report' as const,
	};
	switch (r.consequence) {
		case 'suppress':
			await tx.query(
				'update send_attempts set bounced_at = coalesce(bounced_at, now()), bounce_status = $2 where id = $1',
				[attempt.attemptId, r.status ?? '5.0.0'],
			);
			await addSuppression(tx, {
				kind: 'hard_bounce',
				value: r.address,
				reason: why,
				source: 'bounce',
			});
			await event('bounce_received');
			return `${r.address} suppressed (hard bounce: ${r.reason})`;
		case 'complaint': {
			const optOut = /opt-out/.test(c.reason);
			await addSuppression(tx, {
				kind: optOut ? 'unsubscribed' : 'complaint',
				value: r.address,
				reason: c.reason,
				source: optOut ? 'unsubscribe request' : 'complaint report',
			});
			await event(optOut ? 'unsubscribe_received' : 'complaint_received');
			return `${r.address} suppressed (${optOut ? 'unsubscribed by the mail client' : 'complaint'})`;
		}
		case 'defer': {
			await tx.query(
				'update send_attempts set bounce_status = $2 where id = $1 and bounced_at is null',
				[attempt.attemptId, r.status ?? '4.0.0'],
			);
			const t = await recordTemporaryFailure(tx, failure);
			await event('soft_bounce_received');
			return t.suppressed
				? `${r.address} suppressed after ${t.failures} temporary failures on ${t.days} days (${r.reason})`
				: `${r.address}: temporary failure ${t.failures} of ${TEMPORARY_LIMIT.failures} (${r.reason}); suppressed only if it repeats on ${TEMPORARY_LIMIT.days} days`;
		}
		case 'sender': {
			const paused = await recordSenderRefusal(tx, { ...failure, mailbox: attempt.mailbox });
			await event('sender_refused');
			return `${r.address} kept: the receiver refused the sender (${r.reason}), counted toward ${attempt.mailbox}'s health${paused ? `; ${attempt.mailbox} paused: ${paused}` : ''}`;
		}
		default:
			return `${r.address}: delivered, nothing changed`;
	}
}

/** What each kind changes once it is matched to a message this engine sent; returns what it did. */
async function applyEffect(
	tx: Queryable,
	c: Classified,
	m: InboundMessage,
	match: Match,
	replyClass: ReplyClass | null,
	actor: string | undefined,
): Promise<string> {
	const event = (type: EventType) =>
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
	if (c.kind === 'hard_bounce' || c.kind === 'soft_bounce' || c.kind === 'complaint') {
		const effects: string[] = [];
		for (const r of c.recipients) effects.push(await recipientEffect(tx, c, m, match, r, actor));
		if (!c.recipients.length) {
			await event('soft_bounce_received');
			effects.push('a bounce that names no recipient: recorded, nothing suppressed');
		}
		return effects.join('; ');
	}
	if (c.kind === 'auto_reply') {
		await event('auto_reply_received');
		return 'automatic reply recorded: not counted as a reply, the sequence goes on';
	}
	if (c.kind === 'receipt') {
		await event('read_receipt_received');
		return 'read receipt recorded: not a reply, the sequence goes on';
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
