import { sentencesOf } from '../features/textParts';
import type { ProspectInput } from './types';

/** Legal forms a company's name carries in records, not in a sentence to a person. */
const LEGAL_FORM =
	/[,\s]+(inc|incorporated|ltd|limited|llc|l\.l\.c|gmbh|plc|pty|corp|corporation|co|sarl|sas|s\.a|s\.l|b\.v|n\.v|s\.p\.a|ag|kg|oy|ab)\.?$/i;

/** An all-lower-case name as a person writes it ("beth" → "Beth"); any other casing is kept. */
function capitalized(text: string): string {
	if (text !== text.toLowerCase()) return text;
	return text.replace(
		/(^|[\s'’-])(\p{Ll})/gu,
		(_, before: string, c: string) => before + c.toUpperCase(),
	);
}

/** A first name as a person writes it: "beth" and "DEE" → "Beth", "Dee"; "McKenzie" kept. */
export function displayFirstName(name: string | undefined): string | undefined {
	const trimmed = name?.trim();
	if (!trimmed) return undefined;
	return capitalized(trimmed === trimmed.toUpperCase() ? trimmed.toLowerCase() : trimmed);
}

/** "NorthPeak Outfitters Ltd." → "NorthPeak Outfitters"; "bluebell florist" → "Bluebell Florist". */
export function displayCompany(company: string | undefined): string | undefined {
	const name = company?.trim().replace(LEGAL_FORM, '').trim();
	return name ? capitalized(name) : undefined;
}

const PAST_VERB =
	/^(just |recently )?(opened|raised|launched|hired|moved|won|joined|posted|announced|expanded|acquired|released|published|spoke|shared|wrote|became|grew|hit|passed|reached|signed|started|closed|made|got|added|introduced|rebranded|completed|secured|welcomed|celebrated|opened up|switched|partnered|entered|debuted|unveiled)\b/i;
const BOASTFUL_START =
	/^(excited|thrilled|happy|proud|delighted) to (share|announce|say)( that)?\s+/i;
const LIST = /^[\p{Lu}][\p{L}\d&.'’ -]*(,\s*[\p{Lu}][\p{L}\d&.'’ -]*)+$/u;
const NAMED_THING =
	/^(your|the) [\p{L}\d\s'’&.-]{0,60}?\b(post|article|talk|announcement|launch|news|interview|podcast|episode|video|webinar|keynote|panel|report|round|opening|expansion|acquisition|rebrand|hiring)s?\b/iu;
const QUOTE_KEY = /post|quote|tweet|linkedin|said|wrote/i;
const TOOLS_KEY = /tool|stack|tech|software|uses|platform/i;

const cut = (text: string, words: number) => text.split(/\s+/).slice(0, words).join(' ');
const andList = (items: string[]) =>
	items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items[0];

/**
 * One prospect signal as an opening sentence, by its shape, or null when it cannot be written as a
 * grammatical sentence to the reader (then the writer opens without it):
 * - a thing they did, named ("your post about closing the books", "the Series C announcement") →
 *   `I saw your post about…`;
 * - a post or a quote ("Sam posted: 'Our backlog…", a `recent_post` field) → `I read your post: "…"`,
 *   quote closed, in the second person;
 * - an event without its subject ("just opened a third shop") → `I saw that Acme just opened…`;
 *   an announcement in the first person ("Excited to share that we…") → `I saw that you…`;
 * - an event with its subject ("Acme raised a Series A") → `I saw that Acme raised…`;
 * - a list of names under a tools field ("Zendesk, Shopify, Klaviyo") → `I noticed Acme uses …`.
 * Anything else (a bare noun phrase such as "busiest week is Mother's Day") is left out.
 */
export function signalOpener(key: string, value: string, p: ProspectInput): string | null {
	let text = value.replace(/\s+/g, ' ').trim();
	const company = displayCompany(p.company);
	const first = displayFirstName(p.firstName);
	const posted = new RegExp(
		`^(${[first, 'I', 'they', 'she', 'he'].filter(Boolean).join('|')}) (posted|wrote|said|shared)[:,]?\\s*`,
		'i',
	).exec(text);
	if (posted) text = text.slice(posted[0].length);
	// "your post about closing the books", "the Series C announcement": a thing they did, named.
	const named = NAMED_THING.exec(text);
	if (named && !posted) return `I saw ${cut(text.replace(/[.!?,;:]+$/, ''), 20)}.`;
	const quoted = /^["“'‘]/.test(text) || posted !== null || QUOTE_KEY.test(key);
	if (quoted) {
		const words = cut(text.replace(/^["“'‘]+|["”'’]+$/g, '').replace(/[.!?,;:]+$/, ''), 20);
		return words.split(/\s+/).length >= 3 ? `I read your post: "${words}".` : null;
	}
	text = cut((sentencesOf(text)[0] ?? text).replace(/[.!?,;:]+$/, ''), 20);
	if (TOOLS_KEY.test(key) && LIST.test(text))
		return `I noticed ${company ?? 'your team'} uses ${andList(text.split(/,\s*/))}.`;
	const boast = BOASTFUL_START.exec(text);
	if (boast) {
		const told = text.slice(boast[0].length);
		if (!/^we\b/i.test(told)) return null;
		return `I saw that ${told.replace(/^we\b/i, 'you').replace(/\bour\b/gi, 'your')}.`;
	}
	if (PAST_VERB.test(text)) return `I saw that ${company ?? 'you'} ${text}.`;
	// "Acme raised…", "The Portland store opened…": a subject of up to four words, then the event.
	const words = text.split(' ');
	const verbAt = words.findIndex(
		(_, i) => i > 0 && i <= 4 && PAST_VERB.test(words.slice(i).join(' ')),
	);
	const subject = words.slice(0, Math.max(verbAt, 0)).join(' ');
	if (verbAt > 0 && /^(\p{Lu}|(the|your) )/u.test(subject) && !/^(I|We)\b/.test(subject))
		return `I saw that ${text.replace(/^The /, 'the ')}.`;
	return null;
}
