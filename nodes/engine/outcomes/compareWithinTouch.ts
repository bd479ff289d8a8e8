import { type Interval, wilson, Z95 } from '../stats/intervals';
import type { DraftOutcome } from './listOutcomes';
import { twoSidedP } from './normal';
import { isCounted, isSuccess } from './success';

/**
 * The choices a Blueprint makes per message, which results can be learned about. Touch index, the
 * gap before a touch and the send time are properties of the sequence, not of the copy: every
 * sequence's later touches are answered less, so comparing them proposes "prefer touch 1". They are
 * reported per touch (summarizeOutcomes), never proposed. A cadence drawn per prospect is a variant.
 */
export const RESULT_FEATURES = {
	ctaType: (o: DraftOutcome) => o.features.ctaType ?? 'none',
	subjectPattern: (o: DraftOutcome) => o.features.subjectPattern,
	lengthBand: (o: DraftOutcome) => o.features.lengthBand,
	variant: (o: DraftOutcome) => (o.variant ? `variant ${o.variant}` : 'no variant'),
} satisfies Record<string, (o: DraftOutcome) => string>;

export type ResultFeature = keyof typeof RESULT_FEATURES;

/** Below this many counted messages in a group (or in the rest), a group is not tested. */
export const MIN_GROUP_SIZE = 30;

export interface Comparison {
	feature: ResultFeature;
	value: string;
	/** Counted messages (finished, not bounced) with this value, and their positive replies. */
	sent: number;
	positive: number;
	positiveRate: number;
	interval: Interval;
	/** The same feature's other values together. */
	rest: { sent: number; positive: number; positiveRate: number };
	/** Touches where both sides were sent: the strata the comparison is made within. */
	touches: number[];
	/** Mantel–Haenszel common difference of positive-reply rates (this value minus the rest). */
	difference: number;
	/** Its 95 % interval, not adjusted for the other comparisons. */
	differenceInterval: Interval;
	/** Cochran–Mantel–Haenszel statistic as a signed z, and its two-sided p-value. */
	z: number;
	pValue: number;
	/** Both sides have MIN_GROUP_SIZE counted messages: the comparison enters the error budget. */
	tested: boolean;
	/**
	 * With two values, "A against the rest" and "B against the rest" are one test: the same family
	 * key, so the budget counts it once.
	 */
	family: string;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

interface Cell {
	n1: number;
	a: number;
	n2: number;
	c: number;
}

/**
 * One value of a feature against the rest of its values, within each touch (a stratum per touch),
 * combined by Cochran–Mantel–Haenszel: a value that is simply used more on first touches (which
 * every sequence answers more) gains nothing from that. The difference is the Mantel–Haenszel
 * risk difference, its variance the stratified Wald variance with the MH weights.
 */
function compareValue(strata: Map<number, Cell>): {
	difference: number;
	se: number;
	z: number;
	touches: number[];
} {
	let observedMinusExpected = 0;
	let variance = 0;
	let weighted = 0;
	let weights = 0;
	let weightedVariance = 0;
	const touches: number[] = [];
	for (const [step, { n1, a, n2, c }] of strata) {
		const n = n1 + n2;
		if (!n1 || !n2) continue;
		touches.push(step);
		const m1 = a + c;
		observedMinusExpected += a - (n1 * m1) / n;
		if (n > 1) variance += (n1 * n2 * m1 * (n - m1)) / (n * n * (n - 1));
		const w = (n1 * n2) / n;
		const p1 = a / n1;
		const p2 = c / n2;
		weighted += w * (p1 - p2);
		weights += w;
		weightedVariance += w * w * ((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
	}
	return {
		difference: weights ? weighted / weights : 0,
		se: weights ? Math.sqrt(weightedVariance) / weights : 0,
		z: variance > 0 ? observedMinusExpected / Math.sqrt(variance) : 0,
		touches: touches.sort((x, y) => x - y),
	};
}

/**
 * Every value of a feature against the rest, compared within touches on positive replies. Only
 * counted messages enter (isCounted). Nothing here decides: `decideFindings` spends the error
 * budget over every comparison of every feature at once.
 */
export function compareWithinTouch(outcomes: DraftOutcome[], feature: ResultFeature): Comparison[] {
	const key = RESULT_FEATURES[feature];
	const counted = outcomes.filter(isCounted);
	const values = [...new Set(counted.map(key))];
	const total = { sent: counted.length, positive: counted.filter(isSuccess).length };
	const comparisons = values.map((value) => {
		const strata = new Map<number, Cell>();
		let sent = 0;
		let positive = 0;
		for (const o of counted) {
			const cell = strata.get(o.step) ?? { n1: 0, a: 0, n2: 0, c: 0 };
			const success = isSuccess(o) ? 1 : 0;
			if (key(o) === value) {
				cell.n1++;
				cell.a += success;
				sent++;
				positive += success;
			} else {
				cell.n2++;
				cell.c += success;
			}
			strata.set(o.step, cell);
		}
		const rest = { sent: total.sent - sent, positive: total.positive - positive };
		const { difference, se, z, touches } = compareValue(strata);
		const interval = wilson(positive, sent);
		return {
			feature,
			value,
			sent,
			positive,
			positiveRate: round(sent ? positive / sent : 0),
			interval: { low: round(interval.low), high: round(interval.high) },
			rest: { ...rest, positiveRate: round(rest.sent ? rest.positive / rest.sent : 0) },
			touches,
			difference: round(difference),
			differenceInterval: { low: round(difference - Z95 * se), high: round(difference + Z95 * se) },
			z: round(z),
			pValue: round(twoSidedP(z)),
			tested: sent >= MIN_GROUP_SIZE && rest.sent >= MIN_GROUP_SIZE && touches.length > 0,
			family: `${feature}:${value}`,
		};
	});
	if (values.length === 2) for (const c of comparisons) c.family = feature;
	return comparisons.sort(bySize);
}

const bySize = (a: Comparison, b: Comparison) => b.sent - a.sent || a.value.localeCompare(b.value);

/** Every comparison the results allow, over every feature that could become a rule. */
export const compareAll = (outcomes: DraftOutcome[]): Comparison[] =>
	(Object.keys(RESULT_FEATURES) as ResultFeature[]).flatMap((f) => compareWithinTouch(outcomes, f));
