import { PROOF_PATTERNS, PROSPECT_REFERENCE, RESEARCH_VERBS, SELF_INTRODUCTION } from './lexicons';
import { readerText } from './readerText';
import { compact, type Recipient } from './recipient';
import { wordsOf } from './textParts';

export type OpeningType = 'prospect_reference' | 'self_introduction' | 'generic' | 'none';

const NOT_NAMES = new Set(
	'I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
		' ',
	),
);

/** "I'm", "I'll", "I'd", "I've": the writer, not a name. */
const FIRST_PERSON = /^I['’](m|ll|d|ve)$/;

/**
 * A capitalized word that is not the sentence's first word, "I" or one of its contractions, a
 * weekday or a month, an acronym ("SMS", "CFO") or a token with a digit ("Q3"): a name.
 */
function properNouns(sentence: string): string[] {
	return wordsOf(sentence)
		.slice(1)
		.filter(
			(w) =>
				/^\p{Lu}\p{Ll}/u.test(w) && !/\d/.test(w) && !NOT_NAMES.has(w) && !FIRST_PERSON.test(w),
		);
}

/** Links say nothing a reader reads as the opening's words (a URL may hold their company's name). */
const withoutLinks = (text: string) => text.replace(/\b(https?:\/\/|www\.)\S+/gi, ' ');

/**
 * The first sentence after the greeting: a reference to the prospect (something they did, said or
 * are: "I noticed…", "Congrats on…", or their company or another name next to "you/your"), the
 * sender introducing themselves ("My name is…", "I'm the … at …"), or generic.
 */
export function openingSignals(
	sentences: string[],
	recipient: Recipient,
): { type: OpeningType; sentence: string | null } {
	const first = sentences[0];
	if (!first) return { type: 'none', sentence: null };
	const text = readerText(withoutLinks(first));
	const mentionsCompany = Boolean(recipient.company && compact(text).includes(recipient.company));
	const addressesReader = /\b(you|your|you're|yours)\b/i.test(text);
	const names = properNouns(text);
	// A name beside "you" is about the reader, unless it is a customer offered as proof ("a company
	// like yours: Acme Robotics cut…").
	const namesReader =
		addressesReader && names.length > 0 && !PROOF_PATTERNS.some((p) => p.test(text));
	// Research verbs show research when the sentence is about the reader or names something.
	const research =
		RESEARCH_VERBS.some((p) => p.test(text)) && (addressesReader || names.length > 0);
	if (PROSPECT_REFERENCE.some((p) => p.test(text)) || mentionsCompany || research)
		return { type: 'prospect_reference', sentence: first };
	// The sender introducing themselves, even beside a name ("I'm Jo from Acme, your …").
	if (SELF_INTRODUCTION.some((p) => p.test(text)))
		return { type: 'self_introduction', sentence: first };
	if (namesReader) return { type: 'prospect_reference', sentence: first };
	return { type: 'generic', sentence: first };
}
