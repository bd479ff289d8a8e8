import type { DnsLookup } from './dnsLookup';
import { isSpf, MAX_LOOKUPS, parseTerm, type Term, termsOf, walkSpf } from './spfTree';

const mechanism = (ip: string) => `${ip.includes(':') ? 'ip6' : 'ip4'}:${ip}`;

/** Whether the domain's SPF tree stays clean and never comes back to `home`. */
async function includable(dns: DnsLookup, target: string, home: string): Promise<boolean> {
	const records = (await dns.txt(target)).filter(isSpf);
	if (records.length !== 1) return false;
	const tree = await walkSpf(dns, target, records[0]);
	return !tree.errors.length && !tree.reached.includes(home);
}

/**
 * The one SPF record to publish at `domain` so that the check passes: the terms of the records
 * there (merged when there are several), less those receivers fail on (loops, includes of domains
 * without a record, names that resolve to nothing, `ptr`), with the provider's term, ending in
 * `-all` if the owner chose it, else `~all`. Over the 10-lookup limit, the other senders' includes
 * and `a`/`mx` terms are flattened to the addresses they stand for (re-check after they change).
 */
export async function repairedSpf(
	dns: DnsLookup,
	domain: string,
	records: string[],
	provider: { terms: string[]; covers: (reached: string[]) => boolean },
): Promise<string> {
	const strict = records.some((r) => /(^|\s)-all(\s|$)/i.test(r));
	const kept: Term[] = [];
	for (const record of records) {
		const parsed = termsOf(record)
			.map(parseTerm)
			.filter((t): t is Term => typeof t !== 'string');
		const hasAll = parsed.some((t) => t.name === 'all');
		for (const t of parsed) {
			if (t.name === 'all' || t.name === 'ptr' || (t.modifier && t.name !== 'redirect')) continue;
			const term =
				t.name === 'redirect'
					? hasAll
						? null
						: { ...t, name: 'include', modifier: false, text: `include:${t.value}` }
					: t;
			if (!term || kept.some((k) => k.text.toLowerCase() === term.text.toLowerCase())) continue;
			const target = term.value || domain;
			if (term.name === 'include' && !(await includable(dns, target, domain))) continue;
			if (term.name === 'a' && !(await dns.addresses(target)).length) continue;
			if (term.name === 'mx' && !(await dns.mx(target)).length) continue;
			kept.push(term);
		}
	}
	const texts = kept.map((t) => t.text);
	const covered = provider.covers(kept.filter((t) => t.name === 'include').map((t) => t.value));
	const body = covered ? texts : [...provider.terms, ...texts];
	const all = strict ? '-all' : '~all';
	const candidate = ['v=spf1', ...body, all].join(' ');
	if ((await walkSpf(dns, domain, candidate)).lookups <= MAX_LOOKUPS) return candidate;
	// Flattened: the provider's include stays (its addresses change without notice); the rest
	// becomes the addresses it resolves to now.
	const flat: string[] = [];
	for (const term of body.map(parseTerm).filter((t): t is Term => typeof t !== 'string')) {
		const target = term.value || domain;
		if (term.name === 'include' && !provider.covers([target])) {
			const records = (await dns.txt(target)).filter(isSpf);
			flat.push(...(await walkSpf(dns, target, records[0])).addresses);
		} else if (term.name === 'a') flat.push(...(await dns.addresses(target)).map(mechanism));
		else if (term.name === 'mx')
			for (const exchange of await dns.mx(target))
				flat.push(...(await dns.addresses(exchange)).map(mechanism));
		else flat.push(term.text);
	}
	return ['v=spf1', ...new Set(flat), all].join(' ');
}
