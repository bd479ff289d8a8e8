import unhomoglyph from 'unhomoglyph';

/**
 * Characters that render as nothing or reorder text (Unicode's Default_Ignorable_Code_Point:
 * zero-width characters, the soft hyphen, bidi controls, variation selectors).
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Text as a reader sees it, and no other way: markup stripped (HTML tags and comments, markdown
 * emphasis, headings, quotes, code fences; a link keeps its words and its target), Unicode NFKC
 * (full-width and styled letters become plain ones), invisible and bidi characters removed,
 * obfuscated addresses written out ("dana (at) acme (dot) net" is dana@acme.net) and spaced
 * letters joined ("I g n o r e" is "Ignore").
 */
export function plainText(text: string): string {
	return (
		text
			.slice(0, 20_000)
			.normalize('NFKC')
			.replace(INVISIBLE, '')
			// HTML: a comment's words count (hidden from a reader, not from a model); tags go.
			.replace(/<!--([\s\S]*?)-->/g, ' $1 ')
			.replace(/<\/?[a-z][^>]{0,200}>/gi, ' ')
			.replace(/&nbsp;/gi, ' ')
			// Markdown: [words](target) keeps both; fences, headings, quotes, emphasis go.
			.replace(/\[([^\]]{0,200})\]\(([^)\s]{0,500})\)/g, '$1 $2')
			.replace(/```[a-z]*|`/gi, ' ')
			.replace(/^[ \t]*(#{1,6}|>+|[-*+]|\d+[.)])[ \t]+/gm, '')
			.replace(/(\*\*|__|\*|~~)(?=\S)|(?<=\S)(\*\*|__|\*|~~)/g, '')
			// Obfuscated addresses: (at), [at], {at}, " at … dot …".
			.replace(/\s*[([{]\s*(?:at|@)\s*[)\]}]\s*/gi, '@')
			.replace(/\s*[([{]\s*(?:dot|\.)\s*[)\]}]\s*/gi, '.')
			.replace(/\b([\w.+-]+) at ([a-z0-9][\w-]*) dot ([a-z]{2,})\b/gi, '$1@$2.$3')
			// Spaced-out letters: three or more single letters in a row are one word.
			.replace(/\b(?:\p{L} ){2,}\p{L}\b/gu, (run) => run.replace(/ /g, ''))
			.replace(/[ \t]+/g, ' ')
			.trim()
	);
}

/**
 * A word's UTS #39 skeleton, case-insensitive: two words look alike exactly when their skeletons are
 * equal ("Іgnоrе" with Cyrillic letters and "ignore"). Used to compare, never shown.
 */
export function skeleton(word: string): string {
	// Mapped before and after lower-casing: a Cyrillic "М" maps to "M", whose lower case "m" maps
	// on to "rn" as a Latin "m" does. Capital "I" maps to "l" while small "i" stays: "l" and "i"
	// are one letter here, so "Ignore", "ignore" and "Іgnore" (Cyrillic) meet.
	return unhomoglyph(unhomoglyph(word).toLowerCase()).replace(/l/g, 'i');
}
