/** An address as a report or a bounce's text may write it, or undefined when it is none. */
const ADDRESS =
	/^[^\s@<>()[\]\\,;:"|/]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

/**
 * The mailbox in a recipient field: without its type ("rfc822;"), brackets, quotes, a source route
 * ("@relay.example:ana@acme.example") or a trailing dot. A bare "@host", a pipe ("|/usr/bin/x"),
 * a file path or a name with no domain is not an address and gives undefined.
 */
export function cleanAddress(value: string | undefined): string | undefined {
	// A field longer than any address plus its type and route is no address (and is not scanned).
	if (!value || value.length > 1000) return undefined;
	let v = value.trim();
	if (/^[a-z0-9-]+;/i.test(v)) v = v.slice(v.indexOf(';') + 1).trim();
	v = v.replace(/^["'<(\s]+|[">)'\s.,;:]+$/g, '');
	const angle = /<([^<>]+)>/.exec(v);
	if (angle) v = angle[1];
	// A source route (RFC 5321 §4.1.2): everything up to the last ':' is the route.
	if (v.startsWith('@') && v.includes(':')) v = v.slice(v.lastIndexOf(':') + 1);
	v = v.replace(/^mailto:/i, '').replace(/^["'<]+|[">'.]+$/g, '');
	if (v.startsWith('|') || v.startsWith('/') || v.startsWith('@')) return undefined;
	return ADDRESS.test(v) && v.length <= 254 ? v.toLowerCase() : undefined;
}
