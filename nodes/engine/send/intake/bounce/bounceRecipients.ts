import type { InboundMessage } from '../types';
import { enhancedStatus } from '../../bounce/statusCode';
import { cleanAddress } from './cleanAddress';

/** One recipient a bounce names, before its reason is read. */
export interface RawRecipient {
	address: string;
	action?: string;
	status?: string;
	diagnostic?: string;
	/** What the bounce's own text says around this address (the SMTP dialogue, its reason). */
	context?: string;
}

// Bounded parts (RFC 5321 §4.5.3.1): a 1 MB token without an @ costs linear time, not quadratic.
const ANY_ADDRESS = /<?[^\s<>()[\]\\,;:"'|/@]{1,64}@[a-z0-9][a-z0-9.-]{0,252}\.[a-z]{2,24}>?/gi;
/** The most recipients read from one report: beyond it, the rest are named in no effect. */
export const MAX_RECIPIENTS = 1000;
/** Where a bounce's own text ends and the returned message (or its headers) begins. */
const RETURNED =
	/^[ \t>]*(?:-{2,}.*(?:original message|copy of|returned message|unsent message|headers? follow|message headers|below this line)|.*(?:below this line is a copy|original message follows|the original message (?:headers|is attached)|returned message follows|unsent message below|message headers follow|original message header|here are the headers|copy of the message header)|content-type: message\/(?:rfc822|delivery-status))/im;
/** The local parts of the systems that write bounces: never a failed recipient. */
const SYSTEM = /^(mailer-daemon|mail-daemon|mailerdaemon)[@+]/i;
/** A quoted header line of the returned message ("To: ana@acme.example"): not a recipient line. */
const HEADER_LINE =
	/^[ \t>]*(to|from|cc|bcc|sender|reply-to|return-path|delivered-to|x-original-to|envelope-to|subject|date|message-id|received)\s*:/i;

/** The recipient groups of a delivery-status report, each with the fields RFC 3464 §2.3 names. */
function fromReport(m: InboundMessage): RawRecipient[] {
	const groups = m.report?.type === 'delivery-status' ? m.report.groups : [];
	const out: RawRecipient[] = [];
	for (const g of groups) {
		const address =
			cleanAddress(g['final-recipient']) ??
			cleanAddress(g['original-recipient']) ??
			cleanAddress(g['x-actual-recipient']);
		if (!address && !g.action && !g.status) continue;
		if (!address && !(g['final-recipient'] || g['original-recipient'])) continue;
		out.push({
			address: address ?? '',
			action: g.action?.toLowerCase(),
			status: enhancedStatus(g.status ?? ''),
			diagnostic: g['diagnostic-code']?.replace(/^\s*(smtp|x-[\w-]+|unix)\s*;\s*/i, ''),
		});
	}
	return out;
}

/** The bounce's own words, before the returned message it quotes. */
export function bounceText(m: InboundMessage): string {
	const text = m.text.slice(0, 200_000);
	const cut = RETURNED.exec(text);
	return cut ? text.slice(0, cut.index) : text;
}

/**
 * Recipients named in a bounce's text (no report, or a report without them): the addresses that
 * are neither the bounce's sender nor its addressee (us), each with the text that follows it up
 * to the next one as its diagnostic.
 */
function fromText(m: InboundMessage, own: Set<string>): RawRecipient[] {
	const text = bounceText(m);
	const found: Array<{ address: string; at: number }> = [];
	for (const match of text.matchAll(ANY_ADDRESS)) {
		if (found.length >= MAX_RECIPIENTS) break;
		const address = cleanAddress(match[0]);
		if (!address || own.has(address) || SYSTEM.test(address)) continue;
		const before = text.slice(Math.max(0, (match.index ?? 0) - 12), match.index);
		// …nor one in a URL, a Received line's "for <…>", or the report's "please contact <…>".
		if (/[/=?]$|mailto:$|\bfor <?$|contact <?$|send mail to <?$|write to <?$/i.test(before))
			continue;
		const lineStart = text.lastIndexOf('\n', match.index ?? 0) + 1;
		if (HEADER_LINE.test(text.slice(lineStart, (match.index ?? 0) + 1))) continue;
		found.push({ address, at: match.index ?? 0 });
	}
	const out: RawRecipient[] = [];
	for (const [i, f] of found.entries()) {
		if (out.some((r) => r.address === f.address)) continue;
		const next = found.slice(i + 1).find((g) => g.address !== f.address)?.at ?? text.length;
		// The diagnostic: the line the address is on and what follows it (a reason is often on the
		// next lines, or before the address on the same line: "550 5.1.1 <x@y>: User unknown").
		let lineStart = text.lastIndexOf('\n', f.at) + 1;
		// A reason written on the line before the address (Lotus Notes, some gateways) belongs to
		// it when that line names no other address.
		const previous = text.slice(text.lastIndexOf('\n', Math.max(0, lineStart - 2)) + 1, lineStart);
		if (
			previous.trim() &&
			previous.length < 300 &&
			!previous.includes('@') &&
			!/^[ \t-]*$/.test(previous)
		)
			lineStart -= previous.length;
		const diagnostic = text.slice(lineStart, Math.min(next, f.at + 1500)).trim();
		out.push({ address: f.address, diagnostic, status: enhancedStatus(diagnostic) });
	}
	return out;
}

/**
 * Everyone a bounce reports as not delivered: every recipient group of every delivery-status part
 * (RFC 3464), else X-Failed-Recipients (split), else the addresses the bounce's own text names,
 * else the returned message's To. Addresses are cleaned: a source route, a bare host, a pipe or a
 * path is never an address.
 */
export function bounceRecipients(m: InboundMessage): RawRecipient[] {
	const own = new Set(
		[
			m.from,
			...(m.headers.to?.match(ANY_ADDRESS) ?? []),
			...(m.headers['delivered-to']?.match(ANY_ADDRESS) ?? []),
		]
			.map((a) => cleanAddress(a))
			.filter((a): a is string => Boolean(a)),
	);
	const fromDsn = fromReport(m).slice(0, MAX_RECIPIENTS);
	const textual = fromText(m, own);
	const failed = (m.headers['x-failed-recipients'] ?? '')
		.split(/[,\s]+/)
		.map((a) => cleanAddress(a))
		.filter((a): a is string => Boolean(a));
	const withText = (address: string) => textual.find((t) => t.address === address);
	if (fromDsn.length) {
		// A group whose recipient field was no address takes the returned message's addressee.
		const fallback = cleanAddress(m.original?.to[0]) ?? failed[0] ?? textual[0]?.address;
		return fromDsn
			.map((r) => ({ ...r, address: r.address || fallback || '' }))
			.filter((r) => r.address)
			.map((r) => ({
				...r,
				diagnostic: r.diagnostic || withText(r.address)?.diagnostic,
				context: withText(r.address)?.diagnostic,
			}));
	}
	if (failed.length) {
		return [...new Set(failed)].map((address) => ({
			address,
			diagnostic: withText(address)?.diagnostic ?? bounceText(m).slice(0, 1500),
			status: enhancedStatus(withText(address)?.diagnostic ?? ''),
		}));
	}
	if (textual.length) return textual;
	// The returned message's addressee: its own part, or its headers quoted in the text.
	const quotedTo = /^[ \t>]*to:[ \t]*(.+)$/im.exec(m.text.slice(0, 200_000))?.[1];
	const to = cleanAddress(m.original?.to[0]) ?? cleanAddress(quotedTo);
	const text = bounceText(m).slice(0, 1500);
	return to ? [{ address: to, diagnostic: text, status: enhancedStatus(text) }] : [];
}
