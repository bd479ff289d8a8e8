import { PROOF_PATTERNS, PROSPECT_REFERENCE, SELF_INTRODUCTION } from './lexicons';
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
 * weekday or a month.
 */
function properNouns(sentence: string): string[] {
	return wordsOf(sentence)
		.slice(1)
		.filter((w) => /^\p{Lu}/u.test(w) && !NOT_NAMES.has(w) && !FIRST_PERSON.test(w));
}

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
	const mentionsCompany = Boolean(recipient.company && compact(first).includes(recipient.company));
	const addressesReader = /\b(you|your|you're|yours)\b/i.test(first);
	if (
		PROSPECT_REFERENCE.some((p) => p.test(first)) ||
		mentionsCompany ||
		// A name beside "you" is about the reader, unless it is a customer offered as proof ("a
		// company like yours: Acme Robotics cut…").
		(addressesReader && properNouns(first).length > 0 && !PROOF_PATTERNS.some((p) => p.test(first)))
	) {
		return { type: 'prospect_reference', sentence: first };
	}
	if (SELF_INTRODUCTION.some((p) => p.test(first))) {
		return { type: 'self_introduction', sentence: first };
	}
	return { type: 'generic', sentence: first };
}
