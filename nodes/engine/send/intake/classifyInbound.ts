import type { Classified, InboundMessage } from './types';

/** Senders of bounces that carry no machine-readable report. */
const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECT =
	/^(undeliver(able|ed)|delivery (status notification|failure|has failed)|mail delivery (failed|failure|subsystem)|returned mail|failure notice|non[- ]?delivery)/i;
/**
 * The prefixes autoresponders put before the original subject (Outlook's in the languages sales
 * mail most often meets, Gmail's vacation responder, generic ones). Only a prefix counts: a person
 * writing about "out of office tracking" is not an auto-reply, and "Re:" in front means a person
 * answered (possibly to an auto-reply).
 */
const AUTO_SUBJECT_PREFIX =
	/^\s*(automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|out of (the )?office( reply)?|ooo|vacation reply|on vacation|abwesend|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|absent\(e\)|respuesta autom[áa]tica|ausente|risposta automatica|fuori sede|automatisch antwoord|afwezig|autosvar|fr[åa]nvarande|automaattinen vastaus|resposta autom[áa]tica|odpowied[źz] automatyczna)\s*:/i;
/**
 * The opening of an out-of-office body: a statement of absence, and a return date or a pointer to
 * someone else. Both are needed: "I'm out next week, but yes, let's talk" is a person.
 */
const OOO_OPENING =
	/^\W*((hi|hello|dear|hallo|good (morning|afternoon))\b[^\n]{0,40}\n+\s*)?(thank you for your (e-?mail|message)[.,!]?\s*)?(i am|i'm|i will be|i'll be|i am currently|i'm currently)\s+(currently\s+)?(out of (the )?office|away|on (vacation|holiday|leave|annual leave|parental leave|pto)|travell?ing|off)\b/i;
const OOO_DETAIL =
	/\b(back (on|in the office)|return(ing)? (on|to the office)|until\b|limited access to (e-?mail|my inbox)|no access to (e-?mail|my inbox)|for urgent (matters|requests|issues)|please contact)/i;
/** What a person writes when they answer the pitch itself (outvotes an absence statement). */
const HUMAN_ANSWER =
	/\b(interested|let'?s (talk|chat|set up|schedule)|sounds (good|interesting)|send (me|over)|book a|happy to (chat|talk)|not interested|unsubscribe|remove me)\b/i;

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
 * by RFC 3834's Auto-Submitted and the headers autoresponders set (X-Autoreply, Precedence,
 * Exchange's X-Auto-Response-Suppress), then by an autoresponder's subject prefix, then by an
 * out-of-office opening that a person's answer to the pitch outvotes; anything that refers to an
 * earlier message is a reply candidate (the intake decides whether it answers ours).
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
	// Exchange marks what it generates itself (out-of-office notices among them) with this header,
	// so that other responders do not answer it; a person's reply does not carry it.
	const suppress = m.headers['x-auto-response-suppress'];
	const exchangeAuto = suppress && /\b(all|oof|autoreply)\b/i.test(suppress);
	if (
		(autoSubmitted && !/^no\b/i.test(autoSubmitted)) ||
		autoHeader ||
		precedence ||
		exchangeAuto
	) {
		const sign = autoSubmitted
			? `Auto-Submitted: ${autoSubmitted}`
			: (autoHeader ?? (precedence ? 'Precedence' : `X-Auto-Response-Suppress: ${suppress}`));
		return { kind: 'auto_reply', reason: `automatic reply (${sign})`, referenced };
	}
	if (AUTO_SUBJECT_PREFIX.test(m.subject)) {
		return { kind: 'auto_reply', reason: 'automatic reply (subject prefix)', referenced };
	}
	const opening = m.text.slice(0, 600);
	if (OOO_OPENING.test(opening) && OOO_DETAIL.test(opening) && !HUMAN_ANSWER.test(opening)) {
		return { kind: 'auto_reply', reason: 'automatic reply (out-of-office text)', referenced };
	}
	return {
		kind: 'reply',
		reason: referenced.length ? 'refers to an earlier message' : 'from a prospect, no references',
		referenced,
	};
}
