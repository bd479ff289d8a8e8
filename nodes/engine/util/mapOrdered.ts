/**
 * Maps an async stream with up to `inFlight` calls running at once, yielding results in input order
 * (a slow item holds back later ones, never reorders them). Reading the source pauses while the
 * window is full, so memory stays bounded whatever the stream's length.
 */
export async function* mapOrdered<T, R>(
	source: AsyncIterable<T> | Iterable<T>,
	inFlight: number,
	fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
	const window: Array<Promise<R>> = [];
	for await (const item of source) {
		const result = fn(item);
		// Awaited in order below; this keeps Node from reporting it unhandled while it waits.
		result.catch(() => undefined);
		window.push(result);
		if (window.length >= inFlight) yield await window.shift()!;
	}
	while (window.length) yield await window.shift()!;
}
