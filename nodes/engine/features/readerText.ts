/**
 * A sentence as a reader takes it in, for the cue lists to match one spelling: chat shorthand
 * spelled out ("u around tmrw?" → "you around tomorrow?"), and what only frames the sentence
 * dropped: a list marker ("1.", "A)", "(b)", "-"), a "P.S." and a leading "And"/"Also"/"Or".
 */
const SHORTHAND: Array<[RegExp, string]> = [
	[/\bu\b/gi, 'you'],
	[/\bur\b/gi, 'your'],
	[/\b(tmrw|tmrrw|tmr|2moro)\b/gi, 'tomorrow'],
	[/\blmk\b/gi, 'let me know'],
	[/\bwanna\b/gi, 'want to'],
	[/\bgonna\b/gi, 'going to'],
	[/\b(pls|plz)\b/gi, 'please'],
	[/\bwd\b/gi, 'would'],
	[/\bcd\b/gi, 'could'],
	[/\brn\b/gi, 'right now'],
	[/\bthx\b/gi, 'thanks'],
];

const FRAME =
	/^\s*(?:p\.?\s?s\.?:?\s*|\(?[0-9a-z]{1,2}[.)]\s+|[0-9]{1,2}\s+-\s+|[-*•–]\s+|(?:and|also|or|so|but),?\s+)+/i;

/** Any shorthand at all: most sentences have none, and skip the replacements. */
const ANY_SHORTHAND = /\b(u|ur|tmrw|tmrrw|tmr|2moro|lmk|wanna|gonna|pls|plz|wd|cd|rn|thx)\b/i;

export function readerText(sentence: string): string {
	let text = sentence;
	if (ANY_SHORTHAND.test(text))
		for (const [pattern, spelled] of SHORTHAND) text = text.replace(pattern, spelled);
	return text.replace(FRAME, '');
}

/** A line of a list of options ("1. …", "A) …", "- …", '"Yes" - …'): a choice, not an ask. */
export const isListOption = (sentence: string) =>
	/^\s*(\(?[0-9a-z]{1,2}[.)]|[0-9]{1,2}\s+-|[-*•–]|["“][^"”]{1,20}["”]\s+[-–—])\s+\S/i.test(
		sentence,
	);
