import type { Classified, InboundMessage } from './types';

/** Senders of bounces that carry no machine-readable report. */
const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECT =
	/^(undeliver(able|ed)|delivery (status notification|failure|has failed)|mail delivery (failed|failure|subsystem)|returned mail|failure notice|non[- ]?delivery)/i;
/** Out-of-office and autoresponder subjects in the languages sales mail most often meets. */
const AUTO_SUBJECT =
	/^(auto(matic|matische)? ?(reply|response|antwort)|autoreply|out of (the )?office|ooo\b|abwesenheit|r[ée]ponse automatique|respuesta autom[áa]tica|risposta automatica|i am (currently )?(out|away)|on vacation)/i;
/** A bounce without a status code is permanent unless it says it is a delay warning. */
const SOFT_TEXT = /\bdelayed\b|temporar(y|ily)|will (be )?retr(y|ied)|still trying|^warning:/i;
const STATUS = /\b([245]\.\d{1,3}\.\d{1,3})\b/;
const ADDRESS = /[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+\.[a-z]{2,}/i;

/** An address field of a report ("rfc822; ana@acme.com"), without its type. */
const reportAddress = (value: string | undefined) =>
	value ? (value.split(';').pop() ?? '').trim().replace(/^<|>$/g, '').toLowerCase() : undefined;

function referencedIds(m: InboundMessage): string[] {
	const ids = [m.inReplyTo, ...m.references.slice().reverse(), m.original?.messageId];
	return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/** RFC 3464: the first recipient group that failed (or else was delayed) decides. */
function fromDeliveryStatus(m: InboundMessage, groups: Array<Record<string, string>>): Classified {
	const recipients = groups.filter((g) => g['final-recipient'] || g['original-recipient']);
	const failed = recipients.find((g) => /^failed/i.test(g.action ?? ''));
	const delayed = recipients.find((g) => /^delayed/i.test(g.action ?? ''));
	const group = failed ?? delayed;
	const referenced = referencedIds(m);
	if (!group) {
		return { kind: 'other', reason: 'a delivery report that reports no failure', referenced };
	}
	const status = STATUS.exec(group.status ?? '')?.[1];
	const hard = Boolean(failed) && (status ? status.startsWith('5') : true);
	return {
		kind: hard ? 'hard_bounce' : 'soft_bounce',
		reason: `delivery status report: ${group.action}${status ? ` ${status}` : ''}`,
		recipient: reportAddress(group['final-recipient'] ?? group['original-recipient']),
		status,
		diagnostic: group['diagnostic-code']?.replace(/^smtp;\s*/i, ''),
		referenced,
	};
}

/**
 * What an incoming message means for a sequence. Bounces and complaints are read from their
 * reports first (RFC 3464, RFC 5965), then from the signs bounces without one carry; auto-replies
 * by RFC 3834's Auto-Submitted and the headers autoresponders set, then by subject; anything that
 * refers to an earlier message is a reply candidate (the intake decides whether it answers ours).
 */
export function classifyInbound(m: InboundMessage): Classified {
	const referenced = referencedIds(m);
	if (m.report?.type === 'feedback-report') {
		const fields = Object.assign({}, ...m.report.groups) as Record<string, string>;
		return {
			kind: 'complaint',
			reason: `abuse report (${fields['feedback-type'] ?? 'feedback'})`,
			recipient: reportAddress(fields['original-rcpt-to']) ?? m.original?.to[0]?.toLowerCase(),
			referenced,
		};
	}
	if (m.report?.type === 'delivery-status') return fromDeliveryStatus(m, m.report.groups);
	const failedTo = m.headers['x-failed-recipients'];
	if (failedTo || BOUNCE_SENDER.test(m.from ?? '') || BOUNCE_SUBJECT.test(m.subject)) {
		const status = STATUS.exec(m.text)?.[1];
		const hard = status
			? status.startsWith('5')
			: !SOFT_TEXT.test(m.subject) && !SOFT_TEXT.test(m.text);
		return {
			kind: hard ? 'hard_bounce' : 'soft_bounce',
			reason: `bounce without a delivery report (${failedTo ? 'X-Failed-Recipients' : 'sender or subject'})`,
			recipient: (failedTo ?? m.original?.to[0] ?? ADDRESS.exec(m.text)?.[0])?.trim().toLowerCase(),
			status,
			referenced,
		};
	}
	const autoSubmitted = m.headers['auto-submitted'];
	const autoHeader = ['x-autoreply', 'x-autorespond', 'x-autoresponder'].find(
		(h) => h in m.headers,
	);
	const precedence = /^(auto_reply|junk|bulk)$/i.test(m.headers.precedence ?? '');
	if ((autoSubmitted && !/^no\b/i.test(autoSubmitted)) || autoHeader || precedence) {
		const sign = autoSubmitted ? `Auto-Submitted: ${autoSubmitted}` : (autoHeader ?? 'Precedence');
		return { kind: 'auto_reply', reason: `automatic reply (${sign})`, referenced };
	}
	if (AUTO_SUBJECT.test(m.subject.replace(/^\s*(re|aw|sv)\s*:\s*/i, ''))) {
		return { kind: 'auto_reply', reason: 'automatic reply (subject)', referenced };
	}
	return {
		kind: 'reply',
		reason: referenced.length ? 'refers to an earlier message' : 'from a prospect, no references',
		referenced,
	};
}
