/**
 * int8 (counts, identity ids) as a JS number while it is exact, else as a string: both stores give
 * the same values, and nothing silently loses precision.
 */
export function parseInt8(value: string): number | string {
	const n = Number(value);
	return Number.isSafeInteger(n) ? n : value;
}
