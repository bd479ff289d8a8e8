/**
 * The busiest one-second window and the mean rate (per second) of sorted receive times in ms:
 * what a provider that counts arrivals would see.
 */
export function rateOf(sortedTimes: number[]): { busiest: number; mean: number } {
	let busiest = 0;
	let end = 0;
	for (let start = 0; start < sortedTimes.length; start++) {
		while (end < sortedTimes.length && sortedTimes[end] < sortedTimes[start] + 1000) end++;
		busiest = Math.max(busiest, end - start);
	}
	const span = sortedTimes.at(-1)! - sortedTimes[0];
	const mean = span > 0 ? ((sortedTimes.length - 1) / span) * 1000 : 0;
	return { busiest, mean: Math.round(mean * 100) / 100 };
}
