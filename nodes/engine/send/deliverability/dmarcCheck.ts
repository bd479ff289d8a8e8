import { getDomain } from 'tldts';

import { type Check, verdicts } from './Check';
import { recordTags } from './dkimKey';
import type { DnsLookup } from './dnsLookup';

/** RFC 7489 §6.4: a DMARC record starts with exactly `v=DMARC1`. */
const DMARC = /^v\s*=\s*DMARC1\s*(;|$)/;
const POLICIES = new Set(['none', 'quarantine', 'reject']);

/** The record with `tags` set (kept in their order, new ones after `p=`). */
function withTags(record: string, tags: Record<string, string>): string {
	const parts = record
		.split(';')
		.map((p) => p.trim())
		.filter(Boolean);
	for (const [k, value] of Object.entries(tags)) {
		const at = parts.findIndex((p) => p.split('=')[0].trim().toLowerCase() === k);
		if (at >= 0) parts[at] = `${k}=${value}`;
		else
			parts.splice(Math.max(1, parts.findIndex((p) => /^p\s*=/i.test(p)) + 1), 0, `${k}=${value}`);
	}
	return parts.join('; ');
}

/** The organizational domain (RFC 7489 §3.2: one label under a public suffix). */
const orgOf = (domain: string) => getDomain(domain, { allowPrivateDomains: true }) ?? domain;

/** Whether `signer` aligns with `domain` under the record's adkim (RFC 7489 §3.1.1). */
const aligned = (signer: string, domain: string, strict: boolean) =>
	strict ? signer === domain : orgOf(signer) === orgOf(domain);

/**
 * DMARC of a sending domain by RFC 7489: the record at `_dmarc.<domain>`, else at the
 * organizational domain's (found walking up the labels, as RFC 9989's tree walk does); exactly one
 * record there (§6.6.3: with two, receivers apply none); a valid policy — `sp=` for a subdomain
 * that inherits it — where `p=none` passes with a warning (monitoring only: Gmail and Yahoo accept
 * it of bulk senders, nothing is enforced), and `pct` under 100 warns; and, for a DKIM key the
 * engine signs with, that its domain aligns under the record's `adkim`.
 */
export async function dmarcCheck(
	dns: DnsLookup,
	domain: string,
	options: { signingDomain?: string } = {},
): Promise<Check> {
	const v = verdicts('dmarc', domain);
	const labels = domain.split('.');
	const rfc = 'RFC 7489 §6.6.3';
	for (let i = 0; i <= labels.length - 2; i++) {
		const org = labels.slice(i).join('.');
		const name = `_dmarc.${org}`;
		const records = (await dns.txt(name)).map((t) => t.trim()).filter((t) => DMARC.test(t));
		if (!records.length) continue;
		const inherited = i > 0;
		const first = records[0];
		if (records.length > 1) {
			const value = first;
			return v.fail({
				message: `${records.length} DMARC records at ${name}: receivers apply none of them when there is more than one`,
				rfc,
				fix: `Keep one TXT record at ${name}: ${value}`,
				record: { type: 'TXT', name, value },
			});
		}
		const tags = recordTags(first);
		const p = (tags.p ?? '').toLowerCase();
		const policy = (inherited && tags.sp ? tags.sp : p).toLowerCase();
		if (!POLICIES.has(p) || !POLICIES.has(policy)) {
			const value = withTags(first, {
				p: POLICIES.has(p) ? p : 'none',
				...(inherited && tags.sp
					? { sp: POLICIES.has(tags.sp.toLowerCase()) ? tags.sp : 'none' }
					: {}),
			});
			return v.fail({
				message: `The DMARC record at ${name} has no valid policy (${inherited && tags.sp ? `sp=${tags.sp}` : `p=${tags.p ?? ''}`})`,
				rfc: 'RFC 7489 §6.3',
				fix: `Replace the TXT record ${name} with: ${value}`,
				record: { type: 'TXT', name, value },
			});
		}
		const signer = options.signingDomain?.trim().toLowerCase();
		const strict = (tags.adkim ?? 'r').toLowerCase() === 's';
		if (signer && !aligned(signer, domain, strict)) {
			const value = withTags(first, { adkim: 'r' });
			return v.fail({
				message: `DKIM signs as ${signer}, which does not align with ${domain} under ${strict ? 'adkim=s (exact match)' : `the organizational domain ${orgOf(domain)}`}: DMARC fails every message`,
				rfc: 'RFC 7489 §3.1.1',
				fix:
					strict && aligned(signer, domain, false)
						? `Replace the TXT record ${name} with: ${value}`
						: `Sign with a DKIM key of ${domain}`,
				...(strict && aligned(signer, domain, false)
					? { record: { type: 'TXT' as const, name, value } }
					: {}),
			});
		}
		const where = `${inherited ? `${tags.sp ? 'sp' : 'p'}=${policy} inherited from` : `p=${policy} at`} ${name}`;
		if (policy === 'none')
			return v.warn({
				message: `DMARC ${where}: monitoring only — receivers report failures to you but treat mail that fails like any other, so a forger's mail is not stopped. Gmail and Yahoo accept p=none of bulk senders; move to p=quarantine once the reports show all your mail aligned`,
				rfc: 'RFC 7489 §6.3',
			});
		const pct = tags.pct === undefined ? 100 : Number(tags.pct);
		if (pct < 100)
			return v.warn({
				message: `DMARC ${where}, applied to ${pct} % of failing mail only (pct=${tags.pct})`,
				rfc: 'RFC 7489 §6.3',
			});
		return v.pass({ message: `DMARC ${where}`, rfc: 'RFC 7489' });
	}
	const value = `v=DMARC1; p=none; rua=mailto:dmarc@${domain}`;
	return v.fail({
		message: `No DMARC record for ${domain}`,
		rfc: 'RFC 7489 §6.1',
		fix: `Add a TXT record _dmarc.${domain} with the value: ${value}`,
		record: { type: 'TXT', name: `_dmarc.${domain}`, value },
	});
}
