/** A high surrogate without its low half, or a low one without its high half (UTF-16 code units). */
const LONE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const LONE_SURROGATE = new RegExp(LONE);
const LONE_SURROGATES = new RegExp(LONE, 'g');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	Boolean(value) && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Whether any string in `value` (arrays and plain objects searched) holds a NUL character or an
 * unpaired UTF-16 surrogate (JSON's "\ud800" escape, a broken decoder): PostgreSQL stores neither.
 */
function hasNul(value: unknown): boolean {
	if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
	if (Array.isArray(value)) return value.some(hasNul);
	if (isPlainObject(value)) {
		for (const key in value) if (hasNul(key) || hasNul(value[key])) return true;
	}
	return false;
}

function strip<T>(value: T): T {
	if (typeof value === 'string')
		return value.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\ufffd') as T;
	if (Array.isArray(value)) return value.map(strip) as T;
	if (isPlainObject(value)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [strip(k), strip(v)])) as T;
	}
	return value;
}

/**
 * PostgreSQL text and jsonb cannot hold NUL characters or unpaired surrogates; mail sometimes carries
 * them. NULs are dropped and unpaired surrogates become U+FFFD in every string of a parsed message
 * before anything (thread keys, rows) is derived from it.
 * Nearly no message has one, so the value comes back as it is unless a search finds one: copying
 * every message's fields cost a tenth of a parse.
 */
export function stripNul<T>(value: T): T {
	return hasNul(value) ? strip(value) : value;
}

/** The fields (top-level keys) whose strings hold an unpaired surrogate, for the warning. */
export function brokenUtf16Fields(value: Record<string, unknown>): string[] {
	const broken = (v: unknown): boolean =>
		typeof v === 'string'
			? LONE_SURROGATE.test(v)
			: Array.isArray(v)
				? v.some(broken)
				: isPlainObject(v) && Object.entries(v).some(([k, x]) => broken(k) || broken(x));
	return Object.keys(value).filter((key) => broken(value[key]));
}
