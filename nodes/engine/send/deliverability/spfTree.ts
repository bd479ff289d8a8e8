import type { DnsLookup } from './dnsLookup';

/** RFC 7208 §4.6.4: more DNS-querying terms than this in one evaluation is a permerror. */
export const MAX_LOOKUPS = 10;
/** RFC 7208 §4.6.4: more lookups that find nothing than this is a permerror. */
export const MAX_VOID_LOOKUPS = 2;

export const isSpf = (record: string) => /^v=spf1(\s|$)/i.test(record.trim());
export const termsOf = (record: string) => record.trim().split(/\s+/).slice(1);

/** One term of a record (RFC 7208 §4.6.1): a mechanism with its qualifier, or a modifier. */
export interface Term {
	text: string;
	qualifier: '+' | '-' | '~' | '?';
	/** Mechanism name (all, include, a, mx, ptr, ip4, ip6, exists) or modifier name (redirect, exp, …). */
	name: string;
	modifier: boolean;
	/** The domain-spec or address, without a CIDR length. */
	value: string;
}

const MECHANISMS = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
/** Terms that cost a DNS lookup (RFC 7208 §4.6.4). */
export const LOOKUP_TERMS = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);

/** The term, or a string saying why it is not one (a permerror, RFC 7208 §4.6). */
export function parseTerm(text: string): Term | string {
	const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(text);
	if (modifier)
		return {
			text,
			qualifier: '+',
			name: modifier[1].toLowerCase(),
			modifier: true,
			value: modifier[2],
		};
	const m = /^([-+~?]?)([a-z0-9]+)(?::([^/]*))?((?:\/\d+){0,2})$/i.exec(text);
	if (!m || !MECHANISMS.has(m[2].toLowerCase())) return `"${text}" is not an SPF mechanism`;
	const name = m[2].toLowerCase();
	if (['include', 'exists'].includes(name) && !m[3]) return `"${text}" needs a domain`;
	if (['ip4', 'ip6'].includes(name) && !m[3]) return `"${text}" needs an address`;
	return {
		text,
		qualifier: (m[1] || '+') as Term['qualifier'],
		name,
		modifier: false,
		value: (m[3] ?? '').toLowerCase().replace(/\.$/, ''),
	};
}

/** What evaluating a domain's whole SPF tree costs and where it breaks. */
export interface SpfTree {
	/** DNS-querying terms over the whole tree (includes, a, mx, ptr, exists, redirects). */
	lookups: number;
	voids: number;
	/** Why a receiver would return permerror, if it would. */
	errors: string[];
	/** Domains reached by include or redirect, in order. */
	reached: string[];
	/** ip4/ip6 mechanisms that pass, over the whole tree (for a flattened record). */
	addresses: string[];
}

/**
 * Walks a domain's SPF record and everything it includes or redirects to, counting every term
 * that makes a DNS query, as an evaluation that matches nothing early would (RFC 7208 §4.6.4: a
 * receiver checking a sender the first include does not cover reaches the rest). Loops, includes
 * of domains without one SPF record, bad terms and void lookups are the permerrors receivers
 * return. `record` is the top record; others are read from DNS.
 */
export async function walkSpf(dns: DnsLookup, domain: string, record: string): Promise<SpfTree> {
	const tree: SpfTree = { lookups: 0, voids: 0, errors: [], reached: [], addresses: [] };
	const visit = async (name: string, text: string, stack: string[]): Promise<void> => {
		const terms = termsOf(text).map(parseTerm);
		const hasAll = terms.some((t) => typeof t !== 'string' && t.name === 'all');
		for (const term of terms) {
			if (tree.lookups > MAX_LOOKUPS * 3) return;
			if (typeof term === 'string') {
				tree.errors.push(`${term} (in the record of ${name})`);
				continue;
			}
			if (term.modifier && term.name !== 'redirect') continue;
			if (term.name === 'redirect' && hasAll) continue; // RFC 7208 §6.1: ignored beside "all"
			if ((term.name === 'ip4' || term.name === 'ip6') && term.qualifier === '+')
				tree.addresses.push(term.text.replace(/^\+/, ''));
			if (!LOOKUP_TERMS.has(term.name)) continue;
			tree.lookups++;
			const target = term.value || name;
			if (target.includes('%')) continue; // a macro: known only at evaluation time
			if (term.name === 'include' || term.name === 'redirect') {
				if (stack.includes(target)) {
					tree.errors.push(
						`${name} ${term.name === 'include' ? 'includes' : 'redirects to'} ${target}, which leads back to it (a loop)`,
					);
					continue;
				}
				tree.reached.push(target);
				const records = (await dns.txt(target)).filter(isSpf);
				if (!records.length) {
					tree.voids++;
					tree.errors.push(`${target} (${term.name} of ${name}) has no SPF record`);
				} else if (records.length > 1)
					tree.errors.push(`${target} (${term.name} of ${name}) has ${records.length} SPF records`);
				else await visit(target, records[0], [...stack, target]);
			} else if (term.name === 'a') {
				if (!(await dns.addresses(target)).length) tree.voids++;
			} else if (term.name === 'mx') {
				const exchanges = await dns.mx(target);
				if (!exchanges.length) tree.voids++;
				if (exchanges.length > MAX_LOOKUPS)
					tree.errors.push(`mx of ${target} names ${exchanges.length} hosts (at most 10)`);
			}
		}
	};
	await visit(domain, record, [domain]);
	if (tree.lookups > MAX_LOOKUPS)
		tree.errors.push(
			`it takes ${tree.lookups} DNS lookups to evaluate (receivers stop at ${MAX_LOOKUPS})`,
		);
	if (tree.voids > MAX_VOID_LOOKUPS)
		tree.errors.push(
			`${tree.voids} of its lookups find nothing (receivers stop at ${MAX_VOID_LOOKUPS})`,
		);
	return tree;
}

/** The `all` of the top record (its qualifier), or null when it has none. */
export function allOf(record: string): Term['qualifier'] | null {
	for (const t of termsOf(record).map(parseTerm))
		if (typeof t !== 'string' && t.name === 'all') return t.qualifier;
	return null;
}
