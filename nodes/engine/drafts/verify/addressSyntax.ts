import { domainToASCII, domainToUnicode } from 'node:url';

/** An address read by RFC 5321's Mailbox grammar, with its domain in both forms. */
export interface ParsedAddress {
	local: string;
	/** The domain as people read it (U-labels), lower case. */
	domain: string;
	/** The domain as DNS asks for it (A-labels, `xn--…`). */
	asciiDomain: string;
	/** The domain has non-ASCII labels (an IDN). */
	idn: boolean;
	/** The local part has non-ASCII characters: only an SMTPUTF8 (RFC 6531) path delivers it. */
	utf8Local: boolean;
}

/** RFC 5322 atext, and RFC 6531's UTF-8 beyond ASCII. */
const ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}-]+$/u;
/** RFC 5321 Quoted-string: qtextSMTP and quoted-pairSMTP (printable ASCII). */
const QUOTED = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e\u0080-\u{10FFFF}]|\\[\x20-\x7e])*"$/u;
/** RFC 5321 sub-domain in A-label form: letters, digits, inner hyphens. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Reads a prospect's address as RFC 5321 §4.1.2 defines a Mailbox (with RFC 6531's UTF-8 and IDNA
 * domains, UTS #46 mapping): a dot-string or quoted local part of at most 64 octets, a domain of
 * LDH labels (≤ 63 octets each, ≤ 253 in all, a non-numeric top label) with at least one dot —
 * sales mail never goes to a bare host or an address literal. Returns the parsed address, or why
 * it is not one.
 */
export function parseAddress(text: string): ParsedAddress | { error: string } {
	const value = text.trim();
	const at = value.lastIndexOf('@');
	if (at <= 0 || at === value.length - 1)
		return { error: 'has no local part and domain around an @' };
	const local = value.slice(0, at);
	const rawDomain = value.slice(at + 1);
	if (local.startsWith('"') ? !QUOTED.test(local) : !local.split('.').every((a) => ATOM.test(a)))
		return {
			error: local.startsWith('"')
				? 'has a quoted local part with a character RFC 5321 does not allow'
				: 'has a local part with a character RFC 5322 does not allow, or an empty dot-separated part',
		};
	if (utf8Length(local) > 64)
		return { error: 'has a local part over 64 octets (RFC 5321 §4.5.3.1.1)' };
	if (rawDomain.startsWith('['))
		return { error: 'is addressed to an IP address literal, not a domain' };
	const asciiDomain = domainToASCII(rawDomain.replace(/\.$/, ''));
	if (!asciiDomain)
		return { error: `has a domain IDNA cannot encode ("${rawDomain.slice(0, 80)}")` };
	const labels = asciiDomain.split('.');
	if (labels.length < 2) return { error: 'has a domain without a dot (a bare host name)' };
	if (asciiDomain.length > 253) return { error: 'has a domain over 253 octets' };
	const bad = labels.find((l) => !LABEL.test(l));
	if (bad !== undefined)
		return {
			error: `has a domain label "${bad.slice(0, 63)}" that is not letters, digits and inner hyphens of at most 63 octets`,
		};
	if (/^\d+$/.test(labels[labels.length - 1]))
		return { error: 'has an all-numeric top-level domain' };
	if (utf8Length(local) + 1 + asciiDomain.length > 254)
		return { error: 'is over 254 octets (RFC 5321 §4.5.3.1.3)' };
	return {
		local,
		domain: domainToUnicode(asciiDomain),
		asciiDomain,
		idn: labels.some((l) => l.startsWith('xn--')),
		utf8Local: [...local].some((c) => c.charCodeAt(0) > 0x7f),
	};
}
