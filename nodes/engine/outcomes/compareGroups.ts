import { type Interval, wilson, Z95 } from '../blueprint/intervals';
import type { DraftOutcome } from './listOutcomes';

/** The features results are compared by, each a function of a sent message. */
export const RESULT_FEATURES = {
	ctaType: (o: DraftOutcome) => o.features.ctaType ?? 'none',
	subjectPattern: (o: DraftOutcome) => o.features.subjectPattern,
	lengthBand: (o: DraftOutcome) => o.features.lengthBand,
	gapDays: (o: DraftOutcome) => `${o.features.gapDays} days`,
	step: (o: DraftOutcome) => `touch ${o.step}`,
	variant: (o: DraftOutcome) => (o.variant ? `variant ${o.variant}` : 'no variant'),
} satisfies Record<string, (o: DraftOutcome) => string>;

export type ResultFeature = keyof typeof RESULT_FEATURES;

/** Below this many finished messages in a group (and in the rest), nothing is concluded about it. */
export const MIN_GROUP_SIZE = 30;

export interface GroupFinding {
	feature: ResultFeature;
	value: string;
	sent: number;
	replied: number;
	replyRate: number;
	interval: Interval;
	/** The same feature's other values together. */
	rest: { sent: number; replied: number; replyRate: number };
	/** This group's rate minus the rest's, with its 95 % interval (after the correction below). */
	difference: number;
	differenceInterval: Interval;
	/** Two-proportion z statistic (pooled) and its two-sided p-value. */
	z: number;
	pValue: number;
	/** p below 0.05 divided by the number of groups tested (Bonferroni), both sides ≥ MIN_GROUP_SIZE. */
	credible: boolean;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
function normalCdf(z: number): number {
	const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
	const poly =
		t *
		(0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const erf = 1 - poly * Math.exp(-(z * z) / 2);
	return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The two-sided normal quantile for a level `alpha` (bisection on the CDF). */
function quantile(alpha: number): number {
	let low = 0;
	let high = 10;
	for (let i = 0; i < 60; i++) {
		const mid = (low + high) / 2;
		if (2 * (1 - normalCdf(mid)) > alpha) low = mid;
		else high = mid;
	}
	return (low + high) / 2;
}

/**
 * What the campaign's own results say about one feature: each value's reply rate against the rest
 * of the feature's values, by a two-proportion z-test. Only finished messages count (a pending one
 * may still be answered). A difference is credible only when both sides have MIN_GROUP_SIZE
 * messages and p < 0.05 / (groups tested): with many subject patterns, one of them beats the rest
 * by chance alone, and the correction keeps that from becoming a rule.
 */
export function compareGroups(outcomes: DraftOutcome[], feature: ResultFeature): GroupFinding[] {
	const finished = outcomes.filter((o) => o.outcome !== 'pending');
	const key = RESULT_FEATURES[feature];
	const groups = new Map<string, { sent: number; replied: number }>();
	for (const o of finished) {
		const g = groups.get(key(o)) ?? { sent: 0, replied: 0 };
		g.sent++;
		if (o.outcome === 'replied') g.replied++;
		groups.set(key(o), g);
	}
	const total = {
		sent: finished.length,
		replied: finished.filter((o) => o.outcome === 'replied').length,
	};
	const tested = [...groups.values()].filter(
		(g) => g.sent >= MIN_GROUP_SIZE && total.sent - g.sent >= MIN_GROUP_SIZE,
	).length;
	const alpha = 0.05 / Math.max(tested, 1);
	const zCritical = tested > 1 ? quantile(alpha) : Z95;
	return [...groups.entries()]
		.map(([value, g]) => {
			const rest = { sent: total.sent - g.sent, replied: total.replied - g.replied };
			const p1 = g.replied / g.sent;
			const p2 = rest.sent ? rest.replied / rest.sent : 0;
			const pooled = total.replied / total.sent;
			const se = Math.sqrt(pooled * (1 - pooled) * (1 / g.sent + 1 / Math.max(rest.sent, 1)));
			const z = se > 0 && rest.sent > 0 ? (p1 - p2) / se : 0;
			const pValue = 2 * (1 - normalCdf(Math.abs(z)));
			const seDiff = Math.sqrt(
				(p1 * (1 - p1)) / g.sent + (rest.sent ? (p2 * (1 - p2)) / rest.sent : 0),
			);
			const enough = g.sent >= MIN_GROUP_SIZE && rest.sent >= MIN_GROUP_SIZE;
			const interval = wilson(g.replied, g.sent);
			return {
				feature,
				value,
				sent: g.sent,
				replied: g.replied,
				replyRate: round(p1),
				interval: { low: round(interval.low), high: round(interval.high) },
				rest: { ...rest, replyRate: round(p2) },
				difference: round(p1 - p2),
				differenceInterval: {
					low: round(p1 - p2 - zCritical * seDiff),
					high: round(p1 - p2 + zCritical * seDiff),
				},
				z: round(z),
				pValue: round(pValue),
				credible: enough && pValue < alpha,
			};
		})
		.sort((a, b) => b.sent - a.sent || a.value.localeCompare(b.value));
}
