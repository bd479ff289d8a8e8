import { type Check, verdicts } from './Check';
import type { DnsLookup } from './dnsLookup';
import { repairedSpf } from './spfRepair';
import { allOf, isSpf, MAX_LOOKUPS, MAX_VOID_LOOKUPS, parseTerm, walkSpf } from './spfTree';

/** How the provider's servers are named in an SPF record. */
export type SpfSender =
	/** An ESP: its servers are covered by including its SPF domain. */
	| { kind: 'include'; label: string; include: string }
	/** The user's own MTA or relay, by the addresses mail leaves from. */
	| { kind: 'host'; host: string; addresses: string[] };

const mechanism = (ip: string) => `${ip.includes(':') ? 'ip6' : 'ip4'}:${ip}`;

/** The result a receiver gets for `ip` sending as `domain`, by mailauth's RFC 7208 evaluation. */
async function evaluate(dns: DnsLookup, domain: string, ip: string): Promise<string> {
	const { spf } = await import('mailauth/lib/spf');
	const result = await spf({
		sender: `postmaster@${domain}`,
		ip,
		helo: domain,
		mta: 'sales-engine-preflight',
		resolver: (name: string, type: string) => dns.raw(name, type) as Promise<string[]>,
		maxResolveCount: MAX_LOOKUPS,
		maxVoidCount: MAX_VOID_LOOKUPS,
	});
	return result.status.result;
}

/** The `all` that ends the evaluation: the record's own, or that of the domain it redirects to. */
async function effectiveAll(dns: DnsLookup, record: string, hops = 0): Promise<string | null> {
	const own = allOf(record);
	if (own || hops > 3) return own;
	const redirect = record
		.split(/\s+/)
		.map(parseTerm)
		.find((t) => typeof t !== 'string' && t.name === 'redirect');
	if (!redirect || typeof redirect === 'string') return null;
	const target = (await dns.txt(redirect.value)).filter(isSpf);
	return target.length === 1 ? await effectiveAll(dns, target[0], hops + 1) : null;
}

/**
 * SPF of a sending domain by RFC 7208: exactly one `v=spf1` record (§4.5), evaluable within 10
 * DNS lookups and 2 void lookups over its whole tree, without loops or includes of domains that
 * publish none (§4.6.4, §5.2); covering the provider in use (an ESP's include, or the own MTA's
 * addresses by mailauth's evaluation); and ending in `~all` or `-all` (`+all` lets anyone send
 * as the domain, `?all` or no `all` says nothing). A failing check gives the one record to
 * publish, which passes the check.
 */
export async function spfCheck(dns: DnsLookup, domain: string, sender: SpfSender): Promise<Check> {
	const v = verdicts('spf', domain);
	if (sender.kind === 'host' && !sender.addresses.length)
		return v.fail({
			message: `The SMTP host ${sender.host} has no address in DNS, so no SPF record can cover it`,
			fix: `Check the host name of the SMTP credential`,
		});
	const provider =
		sender.kind === 'include'
			? {
					terms: [`include:${sender.include}`],
					covers: (reached: string[]) =>
						reached.some((d) => d === sender.include || d.endsWith(`.${sender.include}`)),
				}
			: { terms: sender.addresses.map(mechanism), covers: () => false };
	const label =
		sender.kind === 'include' ? sender.label : `${sender.host} (${sender.addresses.join(', ')})`;
	const records = (await dns.txt(domain)).filter(isSpf);
	const publish = async (message: string, rfc: string) => {
		const value = await repairedSpf(dns, domain, records, provider);
		return v.fail({
			message,
			rfc,
			fix: `${records.length ? 'Replace the SPF record' : 'Add a TXT record'} at ${domain} with: ${value}`,
			record: { type: 'TXT', name: domain, value },
		});
	};
	if (!records.length) return await publish(`No SPF record at ${domain}`, 'RFC 7208 §4.5');
	if (records.length > 1)
		return await publish(
			`${records.length} SPF records at ${domain}: receivers return permerror for more than one, so SPF fails for every message`,
			'RFC 7208 §4.5',
		);
	const [record] = records;
	const tree = await walkSpf(dns, domain, record);
	if (tree.errors.length)
		return await publish(
			`The SPF record of ${domain} is a permerror at receivers: ${tree.errors.join('; ')}`,
			'RFC 7208 §4.6.4, §5.2',
		);
	if (sender.kind === 'include' && !provider.covers(tree.reached))
		return await publish(
			`The SPF record of ${domain} does not cover ${sender.label} (no include:${sender.include})`,
			'RFC 7208 §5.2',
		);
	if (sender.kind === 'host')
		for (const ip of sender.addresses) {
			const result = await evaluate(dns, domain, ip);
			if (result !== 'pass')
				return await publish(
					`The SPF record of ${domain} does not let ${sender.host} (${ip}) send for it: ${result}`,
					'RFC 7208 §2.6',
				);
		}
	const all = await effectiveAll(dns, record);
	if (all === '+')
		return await publish(
			`The SPF record of ${domain} ends in +all: anyone may send as ${domain}, and receivers treat such a record as worthless or as a spam sign`,
			'RFC 7208 §5.1, §10.1',
		);
	if (all === '?' || all === null)
		return await publish(
			`The SPF record of ${domain} ends in ${all ? '?all' : 'no all'}: a neutral result for every other sender, which receivers treat like no SPF at all`,
			'RFC 7208 §2.6.2, §5.1',
		);
	return v.pass({
		message: `The SPF record of ${domain} covers ${label} in ${tree.lookups} of ${MAX_LOOKUPS} lookups and ends in ${all}all (${all === '-' ? 'others fail' : 'others soft-fail'})`,
		rfc: 'RFC 7208',
	});
}
