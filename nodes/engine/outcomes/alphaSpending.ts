import { normalCdf, twoSidedZ } from './normal';

/** The error budget of one campaign's learning: the chance of proposing any rule that is not there. */
export const FAMILY_ALPHA = 0.05;

/**
 * The share of the budget spent once a fraction `t` of the planned messages is counted: Lan–DeMets'
 * O'Brien–Fleming-type spending function, 2 − 2Φ(z_{α/2} / √t). Early looks, on little data, get
 * almost nothing (at t = 0.1, 0.000001 of 0.05); the last look gets nearly all of it. Each look
 * tests at the budget spent since the last one, so by the union bound the looks together never
 * exceed FAMILY_ALPHA however often the scheduled loop runs.
 */
export function spentBy(t: number, alpha = FAMILY_ALPHA): number {
	if (!(t > 0)) return 0;
	if (t >= 1) return alpha;
	return 2 - 2 * normalCdf(twoSidedZ(alpha) / Math.sqrt(t));
}
