/**
 * PostgreSQL text and jsonb cannot hold NUL characters; mail sometimes carries them. They are dropped
 * from every string of a parsed message before anything (thread keys, rows) is derived from it.
 */
export function stripNul<T>(value: T): T {
	if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
	if (Array.isArray(value)) return value.map(stripNul) as T;
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripNul(v)])) as T;
	}
	return value;
}
