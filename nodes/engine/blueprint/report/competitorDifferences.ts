import { quantileAt, round } from '../../stats/intervals';
import type { BlueprintInputs, Counts, Distribution, GroupStats } from '../types';

/**
 * "What the competitors do differently", in plain sentences with their numbers: the brand against
 * the competitors pooled (and each competitor when there are several), on the practices a sales
 * lead acts on. A difference is said only when it is large enough to matter (shares 20 points
 * apart, medians a quarter or a day apart) and both sides have mail.
 */
export function competitorDifferences(inputs: BlueprintInputs): string[] {
	const brand = inputs.groups.brand;
	const names = Object.keys(inputs.groups)
		.filter((k) => k.startsWith('competitor:'))
		.sort();
	const pooled = inputs.groups.competitors;
	if (!pooled || pooled.emails === 0)
		return ['No competitor mail was analysed: nothing to compare.'];
	if (!brand || brand.emails === 0) {
		return [
			"No brand mail was analysed, so the brand's own practice is unknown; the rules follow the competitors'.",
		];
	}
	const sides = [
		{ who: names.length > 1 ? 'Competitors' : names[0].replace(/^competitor:/, ''), g: pooled },
		...(names.length > 1
			? names.map((k) => ({ who: k.replace(/^competitor:/, ''), g: inputs.groups[k] }))
			: []),
	].filter((s) => s.g && s.g.emails > 0);
	return sides.flatMap(({ who, g }) => differences(who, g, brand));
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

function share(counts: Counts | undefined, values: string[]): { count: number; n: number } {
	const n = Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
	return { count: values.reduce((a, v) => a + (counts?.[v] ?? 0), 0), n };
}

const median = (d: Distribution | undefined) =>
	d && d.n > 0 ? round(quantileAt(d.quantiles, 0.5), 1) : null;

/** "Competitors ask", "Globex asks": the practice's first word agrees with who does it. */
const agree = (who: string, practice: string) =>
	who === 'Competitors'
		? practice
		: practice.replace(/^(\w+)/, '$1s').replace(' or send ', ' or sends ');

function differences(who: string, them: GroupStats, brand: GroupStats): string[] {
	const out: string[] = [];
	const shares: Array<[string, (g: GroupStats) => { count: number; n: number }]> = [
		[
			'ask for a meeting at a set time or send a calendar link on',
			(g) => share(g.categories.cta_type['1'], ['meeting_ask', 'calendar_link']),
		],
		['send a calendar link on', (g) => share(g.categories.cta_type['1'], ['calendar_link'])],
		[
			'open with something specific to the prospect on',
			(g) => share(g.categories.opening_type['1'], ['prospect_reference']),
		],
		["put the prospect's name or company in the subject of", (g) => g.rates.subject_personalized],
	];
	for (const [practice, pick] of shares) {
		const [a, b] = [pick(them), pick(brand)];
		if (!a.n || !b.n) continue;
		const [sa, sb] = [a.count / a.n, b.count / b.n];
		if (Math.abs(sa - sb) < 0.2) continue;
		const what = practice.endsWith('subject of') ? 'their emails' : 'first touches';
		out.push(
			`${who} ${agree(who, practice)} ${pct(sa)} of ${what} (${a.count} of ${a.n}); the brand on ${pct(sb)} (${b.count} of ${b.n}).`,
		);
	}
	const medians: Array<[string, (g: GroupStats) => number | null, string]> = [
		['follow up after a median of', (g) => median(g.gapByStep['2']), 'days'],
		['write a median of', (g) => median(g.numeric.word_count), 'words per email'],
		['send a median of', (g) => median(g.touches), 'touches per sequence'],
	];
	for (const [practice, pick, unit] of medians) {
		const [a, b] = [pick(them), pick(brand)];
		if (a === null || b === null) continue;
		const apart = Math.abs(a - b);
		if (apart < 1 || apart / Math.max(a, b) < 0.25) continue;
		out.push(`${who} ${agree(who, practice)} ${a} ${unit}; the brand ${b}.`);
	}
	return out.length ? out : [`${who} and the brand do much the same on every practice compared.`];
}
