import type { PageDraft } from './pageListing';

/** A reference a reviewer typed that names no draft of the page, and why. */
export interface UnknownRef {
	ref: string;
	reason: string;
}

const MAX_RANGE = 10_000;

/**
 * Reads what a reviewer typed into a box of the approval page — draft numbers ("4"), ranges
 * ("5-7"), IDs or their first 8+ hex characters, separated by commas, spaces or lines, "#4" and
 * "Draft 4" too — against the page's listing. Never throws: what names no draft on the page is
 * returned with the reason, so one typo costs nothing but itself.
 */
export function readDraftRefs(
	text: unknown,
	listing: PageDraft[],
): { drafts: PageDraft[]; unknown: UnknownRef[] } {
	const drafts = new Map<string, PageDraft>();
	const unknown: UnknownRef[] = [];
	const raw = typeof text === 'string' ? text : Array.isArray(text) ? text.join(',') : '';
	const refs = raw
		.replace(/\bdrafts?\s*/gi, '')
		.split(/[\s,;]+/)
		.map((r) => r.replace(/^#/, '').trim())
		.filter(Boolean);
	const byNumber = (n: number) => listing.find((d) => d.number === n);
	const range = listing.length ? `1–${listing.length}` : 'none';
	for (const ref of refs.slice(0, 1000)) {
		const shown = ref.slice(0, 80);
		const numbers = /^(\d{1,6})(?:[-–](\d{1,6}))?$/.exec(ref);
		if (numbers) {
			const from = Number(numbers[1]);
			const to = Number(numbers[2] ?? numbers[1]);
			if (to < from || to - from > MAX_RANGE) {
				unknown.push({ ref: shown, reason: 'not a range of draft numbers' });
				continue;
			}
			for (let n = from; n <= to; n++) {
				const d = byNumber(n);
				if (d) drafts.set(d.id, d);
				else {
					unknown.push({
						ref: String(n),
						reason: `no draft has this number on the page (${range})`,
					});
					if (n > listing.length) break;
				}
			}
			continue;
		}
		const hex = ref.toLowerCase().replace(/-/g, '');
		if (/^[0-9a-f]{8,32}$/.test(hex)) {
			const matches = listing.filter((d) => d.id.replace(/-/g, '').startsWith(hex));
			if (matches.length === 1) drafts.set(matches[0].id, matches[0]);
			else
				unknown.push({
					ref: shown,
					reason: matches.length
						? `the start of ${matches.length} drafts' IDs: give more of it`
						: 'no draft on this page has this ID',
				});
			continue;
		}
		unknown.push({ ref: shown, reason: 'not a draft number or ID' });
	}
	return { drafts: [...drafts.values()], unknown };
}
