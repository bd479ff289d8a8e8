/** Characters that end an address in a free-text list ("Dana <dana@x.io>, lee@y.io; …"). */
const SEPARATOR = /[\s<>,;"']+/;

/**
 * The addresses in a free-text recipient list, lower-cased: the tokens between separators that
 * hold an "@" with text on both sides. Split, then tested, so the time is linear in the text: a
 * regex that scans for `x@y` runs back over every long token without an "@" (a 1 MB token: minutes).
 */
export function addressList(value: string | string[] | undefined): string[] {
	const text = Array.isArray(value) ? value.join(',') : (value ?? '');
	const out: string[] = [];
	for (const token of text.split(SEPARATOR)) {
		const at = token.indexOf('@');
		if (at > 0 && at < token.length - 1) out.push(token.toLowerCase());
	}
	return out;
}

/** "Dana Reyes <dana@x.io>" → name and address. */
export function sender(value: string | undefined): { address?: string; name?: string } {
	if (!value) return {};
	const address = addressList(value)[0];
	// Without the first <…> and any bare address; indexOf, not a regex, for the same reason as above.
	const open = value.indexOf('<');
	const close = open >= 0 ? value.indexOf('>', open) : -1;
	const rest = close > open ? value.slice(0, open) + value.slice(close + 1) : value;
	const name = rest
		.split(/\s+/)
		.filter((token) => !token.includes('@'))
		.join(' ')
		.replace(/["']/g, '')
		.trim();
	return { address, name: name || undefined };
}
