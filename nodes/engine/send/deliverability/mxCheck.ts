import type { Check } from './Check';
import type { DnsLookup } from './dnsLookup';

/** The domain replies go to can receive them: an MX record, and not the null MX (RFC 7505). */
export async function mxCheck(dns: DnsLookup, domain: string): Promise<Check> {
	const base = { check: 'mx' as const, domain };
	const exchanges = (await dns.mx(domain)).filter((e) => e && e !== '.');
	if (exchanges.length)
		return { ...base, ok: true, message: `Replies to ${domain} go to ${exchanges[0]}` };
	return {
		...base,
		ok: false,
		message: `${domain} has no MX record: replies to it cannot be delivered`,
		fix: `Add an MX record for ${domain} pointing at the mail server that receives its replies`,
	};
}
