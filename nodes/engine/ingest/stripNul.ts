const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	Boolean(value) && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** Whether any string in `value` (arrays and plain objects searched) holds a NUL character. */
function hasNul(value: unknown): boolean {
	if (typeof value === 'string') return value.includes('\u0000');
	if (Array.isArray(value)) return value.some(hasNul);
	if (isPlainObject(value)) {
		for (const key in value) if (hasNul(key) || hasNul(value[key])) return true;
	}
	return false;
}

function strip<T>(value: T): T {
	if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
	if (Array.isArray(value)) return value.map(strip) as T;
	if (isPlainObject(value)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [strip(k), strip(v)])) as T;
	}
	return value;
}

/**
 * PostgreSQL text and jsonb cannot hold NUL characters; mail sometimes carries them. They are dropped
 * from every string of a parsed message before anything (thread keys, rows) is derived from it.
 * Nearly no message has one, so the value comes back as it is unless a search finds one: copying
 * every message's fields cost a tenth of a parse.
 */
export function stripNul<T>(value: T): T {
	return hasNul(value) ? strip(value) : value;
}
