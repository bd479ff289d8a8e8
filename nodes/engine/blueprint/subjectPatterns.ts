import { SPAM_TRIGGERS } from '../features/lexicons';
import { compact } from '../features/recipient';
import { generalizeSubject, TOKENS } from '../stats/subjectGeneralizer';
import { escapeRegExp } from '../util/escapeRegExp';
import type { FirstTouchSample } from './loadSamples';
import type { Rule } from './types';

const NOT_SPECIFIC = new Set(
	'I Im Id Ill Ive Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
		' ',
	),
);
const MARKUP = /[<>]|&[a-z]+;|&#\d+;/i;
/**
 * A subject that presumes something happened to its reader ("Congrats on the new clinic", "Saw
 * your post"): a trigger for one prospect, never a pattern for everyone.
 */
const PRESUMES_EVENT =
	/\b(congrats|congratulations|welcome (to|aboard)|saw your|loved your|read your|on (your|the) new|your recent|your latest)\b/i;
/** A figure that is someone's fact: money, a percentage, a round size ("$20M", "40%"). */
const FACT_FIGURE =
	/[$€£]\s?\d[\d,.]*\s?(k|m|bn|million|billion)?\b|\b\d+([.,]\d+)?\s?(%|m\b|k\b|bn\b|million|billion)/i;

/**
 * Why a generalized subject cannot be offered as a pattern: markup, a competitor's name, a figure
 * or a proper noun the tokens did not replace (a city, a ranking, another company: the original
 * prospect's facts, true of nobody else). A capitalized word counts as a name unless it starts the
 * subject or a clause, is an acronym of up to four letters (CFO, Q3), "I", a weekday or a month;
 * in a Title Case subject capitals say nothing, so only the other checks apply.
 */
export function specificsIn(
	pattern: string,
	competitors: string[],
	brand = '',
	names: Set<string> = new Set(),
): string[] {
	// Markup is reason enough; its tags would only add noise to the rest.
	if (MARKUP.test(pattern)) return ['markup'];
	const found: string[] = [];
	if (PRESUMES_EVENT.test(pattern))
		found.push(`assumes an event: ${PRESUMES_EVENT.exec(pattern)![0]}`);
	const keys = competitors.map(compact).filter(Boolean);
	let text = pattern.replaceAll(TOKENS.company, ' ').replaceAll(TOKENS.firstName, ' ');
	// The brand's own name is no one's private fact.
	if (brand.trim()) text = text.replace(new RegExp(escapeRegExp(brand.trim()), 'gi'), ' ');
	const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.&-]*|[:?!.\-–—|]/gu) ?? [];
	for (let n = 1; n <= 3; n++) {
		for (let i = 0; i + n <= words.length; i++) {
			if (keys.includes(compact(words.slice(i, i + n).join(''))))
				found.push(`competitor ${words.slice(i, i + n).join(' ')}`);
		}
	}
	if (FACT_FIGURE.test(text)) found.push(`figure ${FACT_FIGURE.exec(text)![0]}`);
	const lettered = words.filter((w) => /\p{L}{4,}/u.test(w));
	const titleCase = lettered.length >= 2 && lettered.every((w) => /^\p{Lu}/u.test(w));
	// In Title Case capitals say nothing by themselves: a word is a name there when the analysed
	// mail writes it capitalized mid-sentence ("Congrats On The Tucson Opening" beside "…the Tucson
	// opening").
	if (titleCase)
		words.forEach((w, i) => {
			if (i > 0 && names.has(w.replace(/['’]s$/, ''))) found.push(`name ${w}`);
		});
	else {
		words.forEach((w, i) => {
			const clauseStart = i === 0 || /^[:?!.\-–—|]$/.test(words[i - 1]);
			const acronym = /^[\p{Lu}\p{N}]{1,4}$/u.test(w);
			if (
				/^\p{Lu}/u.test(w) &&
				!clauseStart &&
				!acronym &&
				!NOT_SPECIFIC.has(w.replace(/['’.]/g, ''))
			)
				found.push(`name ${w}`);
		});
	}
	return found;
}

/** Words the analysed mail writes capitalized after a sentence's first word: names, places. */
function namesInMail(samples: FirstTouchSample[]): Set<string> {
	const found = new Set<string>();
	for (const s of samples)
		for (const sentence of (s.opening ?? '').split(/(?<=[.!?])\s+/)) {
			const words = sentence.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
			words.slice(1).forEach((w) => {
				if (/^\p{Lu}\p{Ll}/u.test(w) && !NOT_SPECIFIC.has(w)) found.add(w.replace(/['’]s$/, ''));
			});
		}
	return found;
}

/** A subject as the limits count it (tokens as typical values: a 5-letter name, a 7-letter company). */
export function subjectFits(subject: string, limits: Rule[]): boolean {
	const filled = subject
		.replaceAll(TOKENS.firstName, 'Alexa')
		.replaceAll(TOKENS.company, 'Company');
	const chars = limits.find((r) => r.id === 'subject_chars');
	const words = limits.find((r) => r.id === 'subject_words');
	const wordCount = filled.split(/\s+/).filter(Boolean).length;
	const lower = ` ${filled.toLowerCase()} `;
	return (
		filled.length >= (chars?.min ?? 0) &&
		filled.length <= (chars?.max ?? Infinity) &&
		wordCount >= (words?.min ?? 0) &&
		wordCount <= (words?.max ?? Infinity) &&
		filled !== filled.toUpperCase() &&
		!SPAM_TRIGGERS.some((w) => lower.includes(` ${w} `))
	);
}

/**
 * The most used subject patterns of the analysed first touches that fit the limits, carry nothing
 * specific to their original prospect (see `specificsIn`) and were sent to at least two different
 * recipients: a subject used once is an anecdote, not a pattern.
 */
export function subjectPatterns(
	samples: FirstTouchSample[],
	limits: Rule[],
	names: { competitors: string[]; brand: string } = { competitors: [], brand: '' },
	max = 5,
): string[] {
	const recipients = new Map<string, Set<string>>();
	const proper = namesInMail(samples);
	for (const s of samples) {
		const pattern = generalizeSubject(s.subject, s.recipient);
		if (
			!pattern ||
			!subjectFits(pattern, limits) ||
			specificsIn(pattern, names.competitors, names.brand, proper).length
		)
			continue;
		if (!recipients.has(pattern)) recipients.set(pattern, new Set());
		recipients.get(pattern)!.add((s.recipient ?? '').toLowerCase());
	}
	return [...recipients.entries()]
		.filter(([, who]) => who.size >= 2)
		.sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
		.slice(0, max)
		.map(([pattern]) => pattern);
}
