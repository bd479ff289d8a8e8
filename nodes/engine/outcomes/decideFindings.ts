import type { Comparison } from './compareWithinTouch';
import { twoSidedZ } from './normal';

/** The smallest difference in positive-reply rate a person would change a Blueprint for. */
export const MIN_EFFECT = 0.03;

export interface Finding extends Comparison {
	/** The level this comparison was held to (Holm's step), and whether it passed it and MIN_EFFECT. */
	level: number;
	credible: boolean;
}

/**
 * Holm–Bonferroni over every tested family of every feature at once, at `alpha` (this look's share
 * of the budget). Holm, not Benjamini–Hochberg: a proposal is acted on as a whole, so the chance of
 * any wrong rule in it is what must stay under alpha (family-wise), and Holm does that under any
 * dependence between the comparisons, with more power than plain Bonferroni. A comparison is
 * credible when it passes its Holm level and its difference is at least MIN_EFFECT.
 */
export function decideFindings(comparisons: Comparison[], alpha: number): Finding[] {
	const families = new Map<string, number>();
	for (const c of comparisons.filter((x) => x.tested))
		families.set(c.family, Math.min(families.get(c.family) ?? 1, c.pValue));
	const ordered = [...families.entries()].sort((a, b) => a[1] - b[1]);
	const levels = new Map<string, { level: number; passed: boolean }>();
	let stillRejecting = true;
	ordered.forEach(([family, p], rank) => {
		const level = alpha / (ordered.length - rank);
		stillRejecting = stillRejecting && p <= level;
		levels.set(family, { level, passed: stillRejecting });
	});
	return comparisons.map((c) => {
		const decided = levels.get(c.family);
		return {
			...c,
			level: decided?.level ?? 0,
			credible:
				c.tested && Boolean(decided?.passed) && Math.abs(c.difference) >= MIN_EFFECT && alpha > 0,
		};
	});
}

/**
 * The positive-reply rate a group of `n1` would have needed against `n2` others at `base` for this
 * test (two-sided, `level`) to find it with 80 % power: what "nothing found" could have found.
 */
export function detectableRate(n1: number, n2: number, base: number, level: number): number | null {
	if (!n1 || !n2 || !(level > 0)) return null;
	const needed = twoSidedZ(level) + 0.841621; // z of 80 % power
	let low = base;
	let high = 1;
	const zAt = (p: number) =>
		(p - base) / Math.sqrt((p * (1 - p)) / n1 + (base * (1 - base)) / n2 || 1e-12);
	if (zAt(1 - 1e-9) < needed) return null;
	for (let i = 0; i < 60; i++) {
		const mid = (low + high) / 2;
		if (zAt(mid) >= needed) high = mid;
		else low = mid;
	}
	return high;
}
