import {
	medianInterval,
	QUANTILE_GRID,
	quantileAt,
	wilson,
} from '../../../nodes/engine/stats/intervals';

describe('interval estimates', () => {
	it('gives the Wilson score interval, sound at shares of 0 and 1', () => {
		// Reference values: Wilson 95 % for 24/24 is [0.862, 1], for 6/10 [0.313, 0.832].
		expect(wilson(24, 24).low).toBeCloseTo(0.862, 3);
		expect(wilson(24, 24).high).toBeCloseTo(1, 10);
		expect(wilson(6, 10).low).toBeCloseTo(0.313, 3);
		expect(wilson(6, 10).high).toBeCloseTo(0.832, 3);
		expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
	});

	it('reads quantiles off the grid and bounds the median distribution-free', () => {
		const grid = QUANTILE_GRID.map((q) => q * 100);
		expect(quantileAt(grid, 0.5)).toBe(50);
		expect(quantileAt(grid, 0.525)).toBeCloseTo(52.5);
		// n = 100: ranks 50 ± 9.8 → the quantiles 0.402 and 0.598.
		const { low, high } = medianInterval(grid, 100);
		expect(low).toBeCloseTo(40.2, 1);
		expect(high).toBeCloseTo(59.8, 1);
		// Few values: the interval spans (nearly) everything, so no rule can rest on it.
		expect(medianInterval(grid, 4).low).toBeLessThan(2);
	});
});
