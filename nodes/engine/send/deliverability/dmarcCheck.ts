import type { Check } from './Check';
import type { DnsLookup } from './dnsLookup';
import { recordTags } from './dkimKey';

/**
 * DMARC of a sending domain: a `v=DMARC1` record with a policy at `_dmarc.<domain>`, or at a parent
 * domain's (a receiver falls back to the organizational domain). `p=none` counts: Gmail and Yahoo
 * ask bulk senders for a record, not for enforcement.
 */
export async function dmarcCheck(dns: DnsLookup, domain: string): Promise<Check> {
	const base = { check: 'dmarc' as const, domain };
	const labels = domain.split('.');
	for (let i = 0; i <= labels.length - 2; i++) {
		const name = `_dmarc.${labels.slice(i).join('.')}`;
		const tags = (await dns.txt(name)).map(recordTags).find((t) => t.v?.toUpperCase() === 'DMARC1');
		if (!tags) continue;
		if (!/^(none|quarantine|reject)$/i.test(tags.p ?? ''))
			return {
				...base,
				ok: false,
				message: `The DMARC record at ${name} has no valid policy (p=${tags.p ?? ''})`,
				fix: `Set p=none, p=quarantine or p=reject in the TXT record ${name}`,
			};
		return { ...base, ok: true, message: `DMARC policy p=${tags.p.toLowerCase()} at ${name}` };
	}
	return {
		...base,
		ok: false,
		message: `No DMARC record for ${domain}`,
		fix: `Add a TXT record _dmarc.${domain} with the value: v=DMARC1; p=none; rua=mailto:dmarc@${domain}`,
	};
}
