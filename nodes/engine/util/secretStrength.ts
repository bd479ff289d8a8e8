/** What a secret that signs unsubscribe links must be worth: 128 bits, as a random 128-bit key. */
export const MIN_SECRET_BITS = 128;

/** What a guesser pays for a word: a Diceware list of 7,776 words is 12.9 bits a word. */
const WORD_BITS = 13;

/**
 * A conservative estimate of a secret's entropy in bits: each character is worth the Shannon
 * entropy of the secret's own characters (bias-corrected), a run of four or more lower-case letters (a word, to a
 * dictionary attack) at most 13 bits, and the whole never more than its length times log2 of the
 * alphabet its character classes span. Sixteen spaces are 0 bits, `a-long-unsubscribe-secret` is
 * under 100; `openssl rand -base64 32` (~200) and `openssl rand -hex 32` (~240) pass, all but about
 * 2 in a million keys whose letters fell into long lower-case runs (the user makes another).
 */
export function secretBits(secret: string): number {
	const chars = [...secret];
	if (!chars.length) return 0;
	const counts = new Map<string, number>();
	for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
	let perChar = 0;
	for (const n of counts.values()) perChar -= (n / chars.length) * Math.log2(n / chars.length);
	// Miller–Madow: a short sample under-counts the symbols it could have drawn.
	perChar += (counts.size - 1) / (2 * chars.length * Math.LN2);
	let bits = 0;
	for (const token of secret.match(/[a-z]{4,}|[\s\S]/gu) ?? [])
		bits += token.length >= 4 ? Math.min(WORD_BITS, token.length * perChar) : perChar;
	const classes = [
		[/[a-z]/, 26],
		[/[A-Z]/, 26],
		[/[0-9]/, 10],
		[/[^a-zA-Z0-9]/, 33],
	] as const;
	const alphabet = classes.reduce((sum, [re, size]) => sum + (re.test(secret) ? size : 0), 0);
	return Math.min(bits, chars.length * Math.log2(Math.max(alphabet, 2)));
}
