import { mapOrdered } from '../../nodes/engine/util/mapOrdered';

/** Runs mapOrdered over weights, each call held open a tick; reports order and peak load. */
async function run(weights: number[], inFlight: number, maxWeight?: number) {
	let running = 0;
	let runningWeight = 0;
	let peak = 0;
	let peakWeight = 0;
	const out: number[] = [];
	const fn = async (w: number) => {
		running++;
		runningWeight += w;
		peak = Math.max(peak, running);
		peakWeight = Math.max(peakWeight, runningWeight);
		await new Promise((resolve) => setTimeout(resolve, w % 3));
		running--;
		runningWeight -= w;
		return w;
	};
	const budget = maxWeight === undefined ? undefined : { weigh: (w: number) => w, maxWeight };
	for await (const result of mapOrdered(weights, inFlight, fn, budget)) out.push(result);
	return { out, peak, peakWeight };
}

describe('mapOrdered', () => {
	it('keeps input order with at most inFlight calls running', async () => {
		const weights = Array.from({ length: 50 }, (_, i) => (i * 7) % 11);
		const { out, peak } = await run(weights, 4);
		expect(out).toEqual(weights);
		expect(peak).toBe(4);
	});

	it('holds back reading once the running items weigh maxWeight', async () => {
		const weights = [5, 5, 5, 40, 1, 1, 30, 2, 2, 2];
		const { out, peak, peakWeight } = await run(weights, 8, 20);
		expect(out).toEqual(weights);
		// An item heavier than the budget still runs, alone with what was already running.
		expect(peakWeight).toBeLessThanOrEqual(20 + 40);
		expect(peak).toBeLessThan(8);
		const light = await run(Array(30).fill(1), 8, 20);
		expect(light.peak).toBe(8);
	});
});
