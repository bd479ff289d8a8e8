import type { CompanyRef } from '../campaign/types';
import { escapeRegExp } from '../util/escapeRegExp';

/** What a message of a seeded inbox says about who sent it. */
export interface SenderSignals {
	fromAddress?: string;
	fromName?: string;
	/** Addresses or domains from Sender, Reply-To, List-Id and Return-Path (the ESP's envelope). */
	otherSenders?: string[];
}

export type SenderMatch =
	| { competitor: string }
	/** `sender`: the From address (or name) a person can add as an alias; `candidates` if several. */
	| { competitor: null; sender: string; candidates: string[] };

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** The domain of an address, a List-Id (`<news.globex.com>`) or a bare domain; lower case. */
function domainOf(value: string): string | undefined {
	const v = value.trim().toLowerCase().replace(/^<|>$/g, '');
	const domain = v.includes('@') ? v.slice(v.lastIndexOf('@') + 1) : v;
	return DOMAIN.test(domain) ? domain : undefined;
}

/** A name as whole words, case-insensitive ("Globex" in "Alex at Globex", not in "Globexx"). */
const wordsOf = (name: string) =>
	new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name)}($|[^\\p{L}\\p{N}])`, 'iu');

/**
 * Assigns a message of a seeded inbox to the campaign competitor who sent it, never by a guess:
 * by the domains of From, Sender, Reply-To, List-Id and Return-Path against each competitor's
 * website and alias domains (a subdomain counts: em.globex.com is Globex's ESP domain), else by the
 * From name against its name and alias names. Matching no competitor, or several, is unmatched.
 */
export function competitorMatcher(competitors: CompanyRef[]): (m: SenderSignals) => SenderMatch {
	const known = competitors.map((c) => {
		const aliases = c.aliases ?? [];
		const website = c.website ? new URL(c.website).hostname.replace(/^www\./, '') : undefined;
		const domains = [website, ...aliases.map(domainOf)].filter((d): d is string => Boolean(d));
		const names = [c.name, ...aliases.filter((a) => !domainOf(a))].map(wordsOf);
		return { name: c.name, domains, names };
	});
	const byDomain = (domain: string) =>
		known.filter((c) => c.domains.some((d) => domain === d || domain.endsWith(`.${d}`)));
	return (m) => {
		const domains = [m.fromAddress, ...(m.otherSenders ?? [])]
			.map((v) => (v ? domainOf(v) : undefined))
			.filter((d): d is string => Boolean(d));
		const fromDomains = new Set(domains.flatMap(byDomain).map((c) => c.name));
		const fromNames = new Set(
			m.fromName
				? known.filter((c) => c.names.some((n) => n.test(m.fromName!))).map((c) => c.name)
				: [],
		);
		// Domains outrank a display name (anyone can write "Globex" in a name); either must be one.
		const candidates = fromDomains.size ? fromDomains : fromNames;
		if (candidates.size === 1) return { competitor: [...candidates][0] };
		return {
			competitor: null,
			sender: m.fromAddress ?? m.fromName ?? '(no sender)',
			candidates: [...candidates].sort(),
		};
	};
}
