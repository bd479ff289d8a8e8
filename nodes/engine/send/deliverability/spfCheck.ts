import type { Check } from './Check';
import type { DnsLookup } from './dnsLookup';

/** How the provider's servers are named in an SPF record. */
export type SpfSender =
	/** An ESP: its servers are covered by including its SPF domain. */
	| { kind: 'include'; label: string; include: string }
	/** The user's own MTA or relay, by the addresses mail leaves from. */
	| { kind: 'host'; host: string; addresses: string[] };

/** RFC 7208 §4.6.4: an evaluation stops after 10 DNS lookups; so does this walk. */
const MAX_LOOKUPS = 10;

const mechanism = (ip: string) => `${ip.includes(':') ? 'ip6' : 'ip4'}:${ip}`;

const isSpf = (record: string) => /^v=spf1(\s|$)/i.test(record.trim());
const terms = (record: string) => record.trim().split(/\s+/).slice(1);

/** The record with `term` added before its `all` (or `redirect=`), the one to publish. */
function withTerm(record: string, term: string): string {
	const parts = terms(record);
	const at = parts.findIndex((t) => /^[-~+?]?all$/i.test(t) || /^redirect=/i.test(t));
	if (at < 0) parts.push(term);
	else parts.splice(at, 0, term);
	return ['v=spf1', ...parts].join(' ');
}

/** Whether `include:`/`redirect=` chains from `record` reach `target` within the lookup budget. */
async function includes(dns: DnsLookup, record: string, target: string): Promise<boolean> {
	const queue = [record];
	const seen = new Set<string>();
	let lookups = 0;
	while (queue.length) {
		for (const term of terms(queue.shift()!)) {
			const m = /^(?:[-~+?]?include:|redirect=)(.+)$/i.exec(term);
			if (!m) continue;
			const domain = m[1].toLowerCase().replace(/\.$/, '');
			if (domain === target || domain.endsWith(`.${target}`)) return true;
			if (seen.has(domain) || ++lookups > MAX_LOOKUPS) continue;
			seen.add(domain);
			queue.push(...(await dns.txt(domain)).filter(isSpf));
		}
	}
	return false;
}

/** Whether the record (with its includes) lets `ip` send for `domain`, by a full SPF evaluation. */
async function passes(dns: DnsLookup, domain: string, ip: string): Promise<string> {
	const { spf } = await import('mailauth/lib/spf');
	const result = await spf({
		sender: `postmaster@${domain}`,
		ip,
		helo: domain,
		mta: 'sales-engine-preflight',
		resolver: (name: string, type: string) => dns.raw(name, type) as Promise<string[]>,
		maxResolveCount: MAX_LOOKUPS,
	});
	return result.status.result;
}

/**
 * SPF of a sending domain: exactly one `v=spf1` record, and it covers the servers the provider in
 * use sends from (an ESP's include, or the own MTA's addresses by a full evaluation). A failing
 * check gives the record to publish.
 */
export async function spfCheck(dns: DnsLookup, domain: string, sender: SpfSender): Promise<Check> {
	const base = { check: 'spf' as const, domain };
	if (sender.kind === 'host' && !sender.addresses.length)
		return {
			...base,
			ok: false,
			message: `The SMTP host ${sender.host} has no address in DNS, so no SPF record can cover it`,
			fix: `Check the host name of the SMTP credential`,
		};
	const term =
		sender.kind === 'include' ? `include:${sender.include}` : mechanism(sender.addresses[0]);
	const records = (await dns.txt(domain)).filter(isSpf);
	if (!records.length)
		return {
			...base,
			ok: false,
			message: `No SPF record at ${domain}`,
			fix: `Add a TXT record ${domain} with the value: v=spf1 ${term} ~all`,
		};
	if (records.length > 1)
		return {
			...base,
			ok: false,
			message: `${records.length} SPF records at ${domain}: receivers treat more than one as a permanent error`,
			fix: `Merge them into one TXT record at ${domain}`,
		};
	const [record] = records;
	if (sender.kind === 'include') {
		if (await includes(dns, record, sender.include))
			return { ...base, ok: true, message: `The SPF record of ${domain} covers ${sender.label}` };
		return {
			...base,
			ok: false,
			message: `The SPF record of ${domain} does not cover ${sender.label} (no include:${sender.include})`,
			fix: `Change the TXT record ${domain} to: ${withTerm(record, term)}`,
		};
	}
	for (const ip of sender.addresses) {
		const result = await passes(dns, domain, ip);
		if (result !== 'pass') {
			return {
				...base,
				ok: false,
				message: `The SPF record of ${domain} does not let ${sender.host} (${ip}) send for it: ${result}`,
				fix: `Change the TXT record ${domain} to: ${withTerm(record, mechanism(ip))}`,
			};
		}
	}
	return {
		...base,
		ok: true,
		message: `The SPF record of ${domain} lets ${sender.host} (${sender.addresses.join(', ')}) send for it`,
	};
}
