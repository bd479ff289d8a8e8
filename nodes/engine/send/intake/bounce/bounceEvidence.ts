import type { InboundMessage } from '../types';

/** Senders of bounces: the mail system's own addresses and names. */
const SYSTEM_SENDER =
	/^(mailer-daemon|postmaster|post_master|mail-daemon|mailerdaemon|mail-delivery|maildelivery|bounce|bounces|mdaemon)[@+._-]|^[^@]+-(admin|owner|request|bounces?)@|^owner-[^@]+@/i;
/** RFC 5321 §4.5.5: notifications go out with a null reverse-path, and some show it in From. */
const NULL_SENDER = /^\s*<\s*>\s*$/;
const SYSTEM_NAME =
	/\b(mail delivery (subsystem|system|service)|mailer[- ]daemon|postmaster|mail administrator|delivery status notification|e-?mail delivery)\b/i;
/** Subjects of bounces, a forwarded one ("Fwd: Returned mail") included. */
const BOUNCE_SUBJECT =
	/^\s*((fwd?|fw|tr|wg):\s*)?(undeliver(able|ed)|delivery (status notification|failure|has failed|notification|report|problem)|(mail|message) delivery (failed|failure|subsystem|notification)|returned mail|return(ed)? to sender|failure notice|non[- ]?delivery|delivery failure|mail system error|message (not delivered|could not be delivered|delivery failed|undeliverable|status notification)|warning: (could not send|message .* delayed)|delayed mail|(mail|message) (returned|failure|not delivered)|could not send message|unzustellbar|nicht zustellbar|non remis|no se puede entregar|non recapitabile|onbestelbaar|não (foi possível )?entreg|undelivered mail returned to sender|mail failure|error sending message|sending failed|problem delivering)/i;
/** What a bounce's own text says of itself, near its start. */
const BOUNCE_TEXT =
	/(could not be delivered|couldn'?t be delivered|was not delivered|wasn'?t delivered|not be delivered|undeliverable|delivery (has )?failed|delivery to the following recipients? (failed|has been delayed)|permanent (fatal )?errors?|this is the (mail system|qmail-send program|mail delivery)|i'?m afraid i wasn'?t able to deliver|unable to deliver|message (could not|cannot) be delivered|returned to (the )?sender|failed to deliver|delivery (status notification|failure)|following (address|recipient)(es|s)? (had|failed|could not)|your message (to .{1,80} )?(was|has been) (rejected|blocked|returned|refused)|(was|has been) rejected by the (recipient|remote|receiving)|the following (message|recipients?) (could not|was undeliverable|were undeliverable)|recipient address rejected|see transcript for details|mail delivery (failed|failure)|error (message|text) (from|follows)|smtp error from remote|delivery (attempts? )?(will continue|has been delayed|is delayed)|this (message|report) (was created automatically|is a delivery)|message (was )?not sent|remote (host|server) said|diagnostic-code:|final-recipient:)/i;

/** Why this message is a bounce without a delivery report, or undefined when it is not one. */
export function bounceEvidence(m: InboundMessage): string | undefined {
	if (m.headers['x-failed-recipients']) return 'X-Failed-Recipients';
	const from = m.from ?? '';
	const system =
		SYSTEM_SENDER.test(from) ||
		SYSTEM_NAME.test(m.headers.from ?? '') ||
		NULL_SENDER.test(m.headers['return-path'] ?? 'x') ||
		NULL_SENDER.test(m.headers.from ?? 'x');
	const subject = BOUNCE_SUBJECT.test(m.subject);
	const text = BOUNCE_TEXT.test(m.text.slice(0, 5000));
	if (system && (subject || text || m.original)) return 'the mail system wrote it';
	if (subject && (text || m.original || system)) return 'a bounce subject and text';
	if (text && m.original && !m.inReplyTo) return 'bounce text and the returned message';
	// A responder address with the returned message attached: a provider's own bounce format.
	if (m.original && /^(no-?reply|do-?not-?reply)@/i.test(from) && text)
		return 'the returned message';
	if (system) return 'the mail system wrote it';
	return undefined;
}

/** Why this message is an abuse report without an ARF part, or undefined. */
export function complaintEvidence(m: InboundMessage): string | undefined {
	// Apple Mail's "Unsubscribe" banner mails the List-Unsubscribe address: an opt-out, by machine.
	if (/^\s*true\s*$/i.test(m.headers['x-apple-unsubscribe'] ?? ''))
		return 'an unsubscribe request (opt-out)';
	if (!m.original) return undefined;
	const hm = m.original.headers?.['x-hmxmroriginalrecipient'];
	if (hm) return 'a Microsoft (Hotmail/Outlook.com) complaint';
	if (
		/\b(complaint about (a )?message|abuse report|spam (complaint|report)|feedback loop|fbl report)\b/i.test(
			m.subject,
		)
	)
		return 'an abuse report';
	return undefined;
}
