/**
 * A `Retry-After` value in milliseconds from `now` (RFC 9110 §10.2.3): delay-seconds (digits only)
 * or an HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms `Date.parse` reads). A
 * date in the past is 0; anything else (empty, negative, `1.5`, junk) is undefined, so the caller's
 * own back-off applies.
 */
export function retryAfterMs(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
	// A date names its weekday or month: "Wed, 21 Oct 2026 07:28:00 GMT". Plain numbers never reach here.
	if (!/[a-z]{3}/i.test(text) || text.length > 64) return undefined;
	// HTTP dates are GMT; the asctime form says nothing, and Date.parse would read local time.
	const at = Date.parse(/\b(GMT|UTC|[+-]\d{4})$/i.test(text) ? text : `${text} GMT`);
	return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
