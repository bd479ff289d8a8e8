import { MAX_DEFAULTS, RANGE_DEFAULTS, type RangeDefault } from './defaults';
import {
	type Basis,
	medianConfidence,
	medianEvidence,
	medianProblem,
	shareEvidence,
} from './evidence';
import { round, wilson } from '../stats/intervals';
import type { Distribution, NumericFeature, RateName, Rule, RuleId } from './types';

const clamp = (value: number, [low, high]: [number, number]) =>
	Math.min(high, Math.max(low, value));

/**
 * A range from the data: the interquartile range, widened to ±20 % of the median so a corpus of
 * identical emails does not pin drafts to one length, then clamped into the outer bounds.
 */
function rangeRule(basis: Basis, id: RuleId, feature: NumericFeature, d: RangeDefault): Rule {
	const evidence = medianEvidence(basis, (g) => g.numeric[feature]);
	const fallback = (note?: string): Rule => ({
		id,
		kind: 'limit',
		text: `${d.text}: ${d.min}–${d.max}`,
		basis: 'default',
		confidence: null,
		min: d.min,
		max: d.max,
		evidence: evidence.n ? evidence : null,
		...(note ? { note } : {}),
	});
	const problem = medianProblem(evidence, basis.thresholds);
	if (problem) {
		basis.dropped.push({ id, reason: problem, evidence });
		return fallback();
	}
	const median = evidence.median ?? 0;
	if (median < d.outer[0] || median > d.outer[1]) {
		return fallback(
			`the analysed mail's median (${median}) is outside ${d.outer[0]}–${d.outer[1]}; the default stands`,
		);
	}
	const min = clamp(Math.floor(Math.min(evidence.p25 ?? median, median * 0.8)), d.outer);
	const max = clamp(Math.ceil(Math.max(evidence.p75 ?? median, median * 1.2)), d.outer);
	return {
		id,
		kind: 'limit',
		text: `${d.text}: ${min}–${max}`,
		basis: 'data',
		confidence: medianConfidence(evidence),
		min,
		max,
		evidence,
	};
}

/**
 * An upper bound from the data: the third quartile, rounded up, never above the outer bound. Its
 * evidence and confidence rest on the same thing the cap does: the share of the analysed mail at
 * or under it (a cap of 0 links that a quarter of the mail exceeds says so, at confidence ~0.7).
 */
function maxRule(basis: Basis, id: keyof typeof MAX_DEFAULTS, feature: NumericFeature): Rule {
	const d = MAX_DEFAULTS[id];
	const evidence = medianEvidence(basis, (g) => g.numeric[feature]);
	const problem = medianProblem(evidence, basis.thresholds);
	if (problem) basis.dropped.push({ id, reason: problem, evidence });
	const max = problem ? d.max : Math.min(d.outer, Math.ceil(evidence.p75 ?? d.max));
	const within = shareAtMost(basis.stats.numeric[feature], max);
	const interval = wilson(within.count, within.n);
	const withinEvidence = {
		...evidence,
		count: within.count,
		share: within.n ? round(within.count / within.n) : 0,
		interval: [round(interval.low), round(interval.high)] as [number, number],
		bySource: Object.fromEntries(
			basis.sources
				.map((g) => [g.group, shareAtMost(g.numeric[feature], max)] as const)
				.filter(([, r]) => r.n > 0)
				.map(([group, r]) => [group, { n: r.n, share: round(r.count / r.n) }]),
		),
	};
	return {
		id,
		kind: 'limit',
		text: `${d.text}: ${max}`,
		basis: problem ? 'default' : 'data',
		confidence: problem ? null : round(interval.low),
		max,
		evidence: evidence.n ? withinEvidence : null,
	};
}

/** How many values of a distribution are at or under `max`, read from its quantile grid. */
function shareAtMost(d: Distribution, max: number): { count: number; n: number } {
	if (!d.n || !d.quantiles.length) return { count: 0, n: d.n };
	const last = d.quantiles.length - 1;
	let q = 0;
	for (let i = 0; i <= last; i++) if (d.quantiles[i] <= max) q = i / last;
	return { count: Math.round(q * d.n), n: d.n };
}

/** A fixed bound (one ask, no images): the data is shown, never followed. */
function fixedRule(basis: Basis, id: keyof typeof MAX_DEFAULTS, rate: RateName): Rule {
	const d = MAX_DEFAULTS[id];
	const evidence = shareEvidence(basis, (g) => g.rates[rate]);
	return {
		id,
		kind: 'limit',
		text: `${d.text}: ${d.max}`,
		basis: 'default',
		confidence: null,
		max: d.max,
		evidence: evidence.n ? evidence : null,
	};
}

/** Word and subject ranges, links, paragraph length, reading grade, asks and images. */
export function limitRules(basis: Basis): Rule[] {
	return [
		rangeRule(basis, 'words', 'word_count', RANGE_DEFAULTS.words),
		rangeRule(basis, 'subject_chars', 'subject_chars', RANGE_DEFAULTS.subject_chars),
		rangeRule(basis, 'subject_words', 'subject_words', RANGE_DEFAULTS.subject_words),
		maxRule(basis, 'links', 'link_count'),
		maxRule(basis, 'longest_paragraph_words', 'longest_paragraph_words'),
		maxRule(basis, 'reading_grade', 'reading_grade'),
		fixedRule(basis, 'asks_per_email', 'several_asks'),
		fixedRule(basis, 'images', 'images'),
	];
}
