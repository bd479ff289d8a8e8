/** The interval estimates behind "weak or unstable signals are dropped" (docs/blueprint.md). */

/** Two-sided 95 % normal quantile. */
export const Z95 = 1.959964;

/** The quantile grid the aggregation reads every distribution at: 0, 0.05, …, 1. */
export const QUANTILE_GRID = Array.from({ length: 21 }, (_, i) => i / 20);

export interface Interval {
	low: number;
	high: number;
}

/** Wilson score interval of a share: sound at small n and at shares of 0 or 1, unlike Wald's. */
export function wilson(count: number, n: number): Interval {
	if (n <= 0) return { low: 0, high: 1 };
	const p = count / n;
	const z2 = Z95 * Z95;
	const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
	const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
	return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The value at quantile `q` of a distribution read on QUANTILE_GRID, linearly interpolated. */
export function quantileAt(grid: number[], q: number): number {
	const position = Math.min(Math.max(q, 0), 1) * (grid.length - 1);
	const below = Math.floor(position);
	const above = Math.min(below + 1, grid.length - 1);
	return grid[below] + (grid[above] - grid[below]) * (position - below);
}

/**
 * Distribution-free 95 % interval of the median: the order statistics at ranks n/2 ± z·√n/2,
 * i.e. the quantiles 0.5 ± z/(2√n), read from the grid.
 */
export function medianInterval(grid: number[], n: number): Interval {
	if (n <= 0) return { low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY };
	const half = Z95 / (2 * Math.sqrt(n));
	return { low: quantileAt(grid, 0.5 - half), high: quantileAt(grid, 0.5 + half) };
}

/** Rounds for stored output: the same data always prints the same digits. */
export const round = (value: number, digits = 2) => {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
};
