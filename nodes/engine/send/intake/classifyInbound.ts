import { autoReplyEvidence } from './autoReply';
import { bounceEvidence, complaintEvidence } from './bounce/bounceEvidence';
import { consequenceOf } from '../bounce/bounceReason';
import { bounceRecipients, bounceText, type RawRecipient } from './bounce/bounceRecipients';
import { cleanAddress } from './bounce/cleanAddress';
import { reasonOf, smtpStage } from '../bounce/reasonOf';
import { enhancedStatus } from '../bounce/statusCode';
import { ownWords } from './ownWords';
import type { Classified, InboundMessage, RecipientResult } from './types';

const REPLY_CODE = /(?<![\w.-])([245][0-5]\d)(?=[ -]+(?:[245]\.\d|[a-z<#(]))/i;

function referencedIds(m: InboundMessage): string[] {
	const ids = [m.inReplyTo, ...m.references.slice().reverse(), m.original?.messageId];
	return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/** One bounced recipient's reading: its status, reply code, reason and consequence. */
function readRecipient(r: RawRecipient, whole?: string): RecipientResult {
	let diagnostic = r.diagnostic?.replace(/\s+/g, ' ').trim().slice(0, 1000) || undefined;
	// The remote server's own code in its reply is more precise than the reporting MTA's summary.
	let status = enhancedStatus(diagnostic) ?? r.status;
	const action = r.action ?? (status?.startsWith('4') ? 'delayed' : 'failed');
	const stage = smtpStage(`${diagnostic ?? ''}\n${r.context ?? ''}`);
	let reason = reasonOf({ status, diagnostic, action, stage });
	if (whole && /^(onhold|undefined)$/.test(reason)) {
		// A bounce about one recipient is about it throughout: its reason may stand anywhere.
		diagnostic = whole.replace(/\s+/g, ' ').trim().slice(0, 1000);
		status ??= enhancedStatus(diagnostic);
		reason = reasonOf({ status, diagnostic, action, stage: smtpStage(diagnostic) });
	}
	const consequence = consequenceOf(reason, status);
	return {
		address: r.address,
		action,
		...(status ? { status } : {}),
		...(REPLY_CODE.exec(diagnostic ?? '')
			? { replyCode: REPLY_CODE.exec(diagnostic ?? '')?.[1] }
			: {}),
		reason,
		...(diagnostic ? { diagnostic } : {}),
		consequence,
		suppress: consequence === 'suppress',
	};
}

/** A bounce read per recipient (RFC 3464 groups, or what a bounce without one names). */
function fromBounce(m: InboundMessage, why: string, referenced: string[]): Classified {
	const raw = bounceRecipients(m);
	const whole = raw.length === 1 ? bounceText(m) : undefined;
	const recipients = raw.map((r) => readRecipient(r, whole));
	const first = recipients.find((r) => r.consequence !== 'none') ?? recipients[0];
	const base = {
		recipients,
		recipient: first?.address,
		status: first?.status,
		diagnostic: first?.diagnostic,
		referenced,
	};
	if (recipients.length && recipients.every((r) => r.consequence === 'none'))
		return { kind: 'other', reason: `${why}: delivered, nothing failed`, ...base };
	const hard = recipients.some((r) => r.suppress);
	const reasons = [...new Set(recipients.map((r) => r.reason))].join(', ');
	return {
		kind: hard ? 'hard_bounce' : 'soft_bounce',
		reason: `${why}${reasons ? `: ${reasons}` : ''}`,
		...base,
	};
}

/** An abuse report: every recipient it names (RFC 5965 Original-Rcpt-To), or the returned To. */
function fromComplaint(m: InboundMessage, why: string, referenced: string[]): Classified {
	const groups = m.report?.type === 'feedback-report' ? m.report.groups : [];
	const fields = Object.assign({}, ...groups) as Record<string, string>;
	const listed = groups
		.flatMap((g) => (g['original-rcpt-to'] ?? g['removal-recipient'] ?? '').split(','))
		.map((a) => cleanAddress(a))
		.filter((a): a is string => Boolean(a));
	const fallback =
		cleanAddress(m.original?.headers?.['x-hmxmroriginalrecipient']) ??
		cleanAddress(m.original?.to[0]) ??
		(m.headers['x-apple-unsubscribe'] ? cleanAddress(m.from) : undefined);
	const addresses = [...new Set(listed.length ? listed : fallback ? [fallback] : [])];
	const type = fields['feedback-type'] ?? (/opt-out/.test(why) ? 'opt-out' : 'abuse');
	const recipients: RecipientResult[] = addresses.map((address) => ({
		address,
		action: 'failed',
		reason: 'feedback',
		diagnostic: `feedback-type: ${type}`,
		consequence: 'complaint',
		suppress: true,
	}));
	return {
		kind: 'complaint',
		reason: `${why} (${type})`,
		recipients,
		recipient: recipients[0]?.address,
		referenced,
	};
}

/**
 * What an incoming message means for a sequence, read by evidence in this order: an abuse report
 * (RFC 5965, or a provider's own format), a delivery report (RFC 3464, every recipient group), a
 * read receipt (RFC 8098), a bounce without a report (the mail system's sender, subject and words,
 * X-Failed-Recipients), an automatic reply (RFC 3834 and the vendors' headers, a responder's
 * address, subject or text in seven languages, ticket systems, challenge-response); what is left
 * is a person's reply. A bounce is never a reply; a person who also says they are away still is.
 */
export function classifyInbound(m: InboundMessage): Classified {
	const referenced = referencedIds(m);
	const none = { recipients: [], referenced };
	if (m.report?.type === 'feedback-report') return fromComplaint(m, 'abuse report', referenced);
	if (m.report?.type === 'delivery-status')
		return fromBounce(m, 'delivery status report', referenced);
	if (m.report?.type === 'disposition-notification') {
		const disposition = m.report.groups.find((g) => g.disposition)?.disposition ?? 'displayed';
		return { kind: 'receipt', reason: `read receipt (RFC 8098: ${disposition})`, ...none };
	}
	const complaint = complaintEvidence(m);
	if (complaint) return fromComplaint(m, complaint, referenced);
	const bounce = bounceEvidence(m);
	if (bounce) return fromBounce(m, `bounce without a delivery report (${bounce})`, referenced);
	const auto = autoReplyEvidence(m, ownWords(m.text));
	if (auto) return { kind: 'auto_reply', reason: `automatic reply (${auto})`, ...none };
	return {
		kind: 'reply',
		reason: referenced.length ? 'refers to an earlier message' : 'from a prospect, no references',
		...none,
	};
}
