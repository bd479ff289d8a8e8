import { compact, recipientOf } from '../features/recipient';
import type { Queryable } from '../store/Db';

/**
 * A name a draft for one prospect must not carry: a competitor, a company the analysed mail was
 * written to, or another prospect of the campaign (company, or first and last name together).
 */
export interface ForeignName {
	/** Compact form ("blueharbor"): compared against runs of capitalized words of the draft. */
	key: string;
	name: string;
	kind: 'competitor' | 'company of the analysed mail' | 'another prospect';
	/** For another prospect: whose name it is, so their own drafts may use it. */
	prospectId?: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&.-]*/gu;

/** Names too short or too common to tell apart from ordinary words are not checked. */
const usable = (key: string) => key.length >= 4;

/** Names by key, built once per campaign or Blueprint and shared by every draft's check. */
export type NameIndex = Map<string, ForeignName[]>;

export function indexNames(names: ForeignName[]): NameIndex {
	const index: NameIndex = new Map();
	for (const name of names) {
		if (!usable(name.key)) continue;
		const list = index.get(name.key) ?? [];
		list.push(name);
		index.set(name.key, list);
	}
	return index;
}

/**
 * The foreign names `text` holds: runs of one to three words, the first capitalized, whose compact
 * form is a name's key ("Blue Harbor" → blueharbor), skipping the names `skip` says are allowed.
 * Lower-case words never match, so a company called "Bright" does not flag "a bright idea".
 */
export function namesIn(
	text: string,
	names: ForeignName[] | NameIndex[],
	skip: (name: ForeignName) => boolean = () => false,
): ForeignName[] {
	const indexes =
		names.length && !(names[0] instanceof Map)
			? [indexNames(names as ForeignName[])]
			: (names as NameIndex[]);
	if (!indexes.some((i) => i.size)) return [];
	const words = [...text.matchAll(WORD)].map((m) =>
		m[0].replace(/[.&-]+$/, '').replace(/['’]s$/, ''),
	);
	const found = new Map<string, ForeignName>();
	for (let i = 0; i < words.length; i++) {
		if (!/^\p{Lu}/u.test(words[i])) continue;
		for (let n = 1; n <= 3 && i + n <= words.length; n++) {
			const written = words.slice(i, i + n);
			const key = compact(written.join(''));
			if (found.has(key)) continue;
			const hit = indexes.flatMap((index) => index.get(key) ?? []).find((name) => !skip(name));
			// Named as the draft writes it (the analysed mail's companies are known by domain only).
			if (hit) found.set(key, { ...hit, name: written.join(' ') });
		}
	}
	return [...found.values()];
}

/** The keys that are the prospect's own: their company and their address's company. */
export function ownKeys(prospect: { email?: string; company?: string }): Set<string> {
	const keys = new Set<string>();
	if (prospect.company) keys.add(compact(prospect.company));
	const fromAddress = recipientOf(prospect.email).company;
	if (fromAddress) keys.add(fromAddress);
	return keys;
}

/** The companies the analysed mail was written to (from the recipients' domains), at most 5,000. */
export async function loadCorpusCompanies(q: Queryable, campaignId: string): Promise<string[]> {
	const { rows } = await q.query<{ address: string }>(
		`select distinct lower(to_addresses[1]) as address from emails
		where campaign_id = $1 and to_addresses[1] is not null limit 5000`,
		[campaignId],
	);
	const keys = rows.map((r) => recipientOf(r.address).company).filter((k): k is string => !!k);
	return [...new Set(keys)].sort();
}

/** Every prospect's company and full name, to be kept out of the other prospects' drafts. */
export async function loadProspectNames(q: Queryable, campaignId: string): Promise<ForeignName[]> {
	const { rows } = await q.query<{
		id: string;
		first_name: string | null;
		last_name: string | null;
		company: string | null;
	}>('select id, first_name, last_name, company from prospects where campaign_id = $1', [
		campaignId,
	]);
	return rows.flatMap((r) => [
		...(r.company
			? [
					{
						key: compact(r.company),
						name: r.company,
						kind: 'another prospect' as const,
						prospectId: r.id,
					},
				]
			: []),
		...(r.first_name && r.last_name
			? [
					{
						key: compact(`${r.first_name}${r.last_name}`),
						name: `${r.first_name} ${r.last_name}`,
						kind: 'another prospect' as const,
						prospectId: r.id,
					},
				]
			: []),
	]);
}
