import { recordEvent } from '../audit/recordEvent';
import type { Queryable } from '../store/Db';
import { recordDeliveryFailure, type DeliveryFailure } from './bounce/deliveryFailures';
import { setKillSwitch } from './killSwitch';

/**
 * A sending mailbox is paused after this many refusals of the sender (blocked, spam, policy,
 * authentication) within the window: receivers are judging the sender, and sending on makes it
 * worse. Other mailboxes of the campaign keep sending; resuming is a human act (release the
 * mailbox's kill switch once the cause is fixed).
 */
export const MAILBOX_PAUSE = { refusals: 5, windowHours: 24 } as const;

/** Who engages the switch, in the audit trail and the campaign status. */
export const HEALTH_ACTOR = 'sales-engine: mailbox health';

/** Engages the mailbox's kill switch as its health, audited on the campaign that saw why. */
async function pauseMailbox(
	q: Queryable,
	mailbox: string,
	campaignId: string | null,
	reason: string,
): Promise<void> {
	await setKillSwitch(q, {
		scope: 'mailbox',
		target: mailbox,
		engaged: true,
		reason,
		actor: HEALTH_ACTOR,
	});
	await recordEvent(q, {
		campaignId,
		type: 'mailbox_paused',
		actor: HEALTH_ACTOR,
		data: { mailbox, reason },
	});
}

/**
 * Records a refusal of the sender on `mailbox` and pauses the mailbox (its kill switch, with the
 * reason) once refusals reach `MAILBOX_PAUSE`. Returns the reason when this call paused it.
 */
export async function recordSenderRefusal(
	q: Queryable,
	f: Omit<DeliveryFailure, 'consequence'> & { mailbox: string },
): Promise<string | null> {
	await recordDeliveryFailure(q, { ...f, consequence: 'sender' });
	const mailbox = f.mailbox.toLowerCase();
	const { rows } = await q.query<{ refusals: number; reasons: string; engaged: boolean }>(
		`select count(*)::int as refusals, string_agg(distinct reason, ', ') as reasons,
			exists (select 1 from kill_switches where scope = 'mailbox' and target = $1 and engaged) as engaged
		from delivery_failures where mailbox = $1 and consequence = 'sender'
			and created_at > now() - make_interval(hours => $2)`,
		[mailbox, MAILBOX_PAUSE.windowHours],
	);
	const { refusals, reasons, engaged } = rows[0];
	if (engaged || Number(refusals) < MAILBOX_PAUSE.refusals) return null;
	const reason = `receivers refused the sender ${refusals} times in ${MAILBOX_PAUSE.windowHours} h (${reasons}); last: ${(f.diagnostic ?? f.reason).slice(0, 200)}`;
	await pauseMailbox(q, mailbox, f.campaignId ?? null, reason);
	return reason;
}

/**
 * Pauses a mailbox whose credential the provider refused (an expired or revoked token, a wrong
 * password): it cannot send until a person fixes the n8n credential and releases the mailbox's
 * kill switch. Its drafts stay due; other mailboxes keep sending. Returns the reason.
 */
export async function pauseForCredential(
	q: Queryable,
	input: { mailbox: string; provider: string; campaignId: string; detail: string },
): Promise<string> {
	const mailbox = input.mailbox.toLowerCase();
	const reason = `the ${input.provider} credential of ${mailbox} was refused (${input.detail.slice(0, 200)}); fix or reconnect that n8n credential, then release this mailbox's kill switch`;
	const { rows } = await q.query<{ engaged: boolean }>(
		"select engaged from kill_switches where scope = 'mailbox' and target = $1",
		[mailbox],
	);
	if (rows[0]?.engaged) return reason;
	await pauseMailbox(q, mailbox, input.campaignId, reason);
	return reason;
}

/**
 * Pauses a mailbox whose provider failed it `failures` times in a row while other mailboxes of the
 * run kept sending (an API down for one account, a relay refusing one login's mail): the failing
 * mailbox stops, not the campaign. Returns the reason.
 */
export async function pauseForFailures(
	q: Queryable,
	input: { mailbox: string; provider: string; campaignId: string; failures: number; last: string },
): Promise<string> {
	const mailbox = input.mailbox.toLowerCase();
	const reason = `${input.failures} sends in a row failed through ${input.provider} while other mailboxes sent (last: ${input.last.slice(0, 200)}); check this mailbox's account, then release its kill switch`;
	await pauseMailbox(q, mailbox, input.campaignId, reason);
	return reason;
}
