/**
 * Maps an async stream with up to `inFlight` calls running at once, yielding results in input order
 * (a slow item holds back later ones, never reorders them). Reading the source pauses while the
 * window is full, so memory stays bounded whatever the stream's length; with `weigh`, the window is
 * also full once its items weigh `maxWeight` (bytes, say), so a few huge items cannot pile up.
 */
export async function* mapOrdered<T, R>(
	source: AsyncIterable<T> | Iterable<T>,
	inFlight: number,
	fn: (item: T) => Promise<R>,
	budget?: { weigh: (item: T) => number; maxWeight: number },
): AsyncGenerator<R> {
	const window: Array<{ result: Promise<R>; weight: number }> = [];
	let weight = 0;
	const next = async () => {
		const oldest = window.shift()!;
		weight -= oldest.weight;
		return await oldest.result;
	};
	for await (const item of source) {
		const result = fn(item);
		// Awaited in order below; this keeps Node from reporting it unhandled while it waits.
		result.catch(() => undefined);
		const itemWeight = budget?.weigh(item) ?? 0;
		window.push({ result, weight: itemWeight });
		weight += itemWeight;
		while (window.length >= inFlight || (budget && window.length && weight >= budget.maxWeight)) {
			yield await next();
		}
	}
	while (window.length) yield await next();
}
