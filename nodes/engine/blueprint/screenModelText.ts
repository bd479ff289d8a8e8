import { namesIn } from '../grounding/foreignNames';
import type { Support } from '../grounding';
import { escapeRegExp } from '../util/escapeRegExp';

/**
 * A chat model's words are untrusted data: before they become a Blueprint (or reach a draft
 * prompt) each free-text field is screened for instructions, markup, links and contact details
 * nobody gave, competitors' names and claims the campaign does not support. Each finding is a
 * sentence the model is re-prompted with.
 */

/** What a synthesis may rely on: the user's own words and the brand's own mail. */
export interface ScreenContext {
	/** Campaign context, brand name and website, the brand's own analysed subjects and openings. */
	supportText: string;
	competitors: string[];
	/** The brand's name: not a foreign name in its own example subjects. */
	brand?: string;
	/** The companies the analysed mail was written to (compact keys): other people's names. */
	corpusCompanies?: string[];
	/** The user's own words (campaign context): a company named there is theirs to cite. */
	userText?: string;
	/** The user's material indexed for grounding: when given, free text must be said in it. */
	support?: Support;
}

const INSTRUCTIONS: RegExp[] = [
	/\b(ignore|disregard|override|forget|bypass)\b.{0,40}\b(instructions?|rules?|above|previous|prior|blueprint|prompt|guidelines?)\b/i,
	/\b(system|developer|admin|assistant)[ -](note|prompt|message|instructions?|override)\b/i,
	/\b(important|attention|note to (the )?(writer|model|assistant))\s*[:!]/i,
	/\b(you must|you are now|you will now|from now on|as an ai|language model|new instructions?)\b/i,
	/\b(remove|omit|drop|delete|exclude|leave out|skip|hide|strip|do not (include|add|show|write))\b.{0,60}\b(unsubscribe|opt[- ]?out|postal|address|footer|compliance|disclaimer)\b/i,
];

/** The parts every message gets from the engine: a Blueprint's words never speak of them. */
const COMPLIANCE = /\b(unsubscribe|opt[- ]?out|postal address|can-spam|list-unsubscribe)\b/i;
const MARKUP = /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i;
const URL = /\bhttps?:\/\/[^\s)>\]]+|\bwww\.[^\s)>\]]+/gi;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const PHONE = /\+?\d[\d ().-]{7,}\d/;
const STREET =
	/\b\d{1,5}\s+(\p{L}+\s+){1,3}(street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|suite|straße|strasse)\b/iu;
/** Figures a reader would take as fact: percentages, multiples, money, counts. */
const FIGURE = /[$€£]\s?\d[\d,.]*\s?[kmb]?\b|\b\d[\d,.]*\s?(%|x\b|percent\b|[kmb]\b)?/gi;
const SUPERLATIVE =
	/\b(leading|the best|best-in-class|#1|number one|world'?s|market leader|the only|fastest|cheapest|guaranteed?|award[- ]winning|unmatched|unrivall?ed)\b/gi;

const squash = (text: string) => text.toLowerCase().replace(/\s+/g, '');

const quote = (s: string) => `"${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`;

/**
 * Instructions, talk of the compliance parts, and markup: what no Blueprint text may hold, checked
 * again when a stored Blueprint's words are handed to the draft writer.
 */
export function screenInstructions(field: string, text: string): string[] {
	const reasons: string[] = [];
	const instruction = INSTRUCTIONS.map((p) => p.exec(text)).find(Boolean);
	if (instruction) {
		reasons.push(
			`${field}: ${quote(instruction[0])} reads as an instruction; Blueprint text describes the brand and its mail, it never instructs`,
		);
	} else if (COMPLIANCE.test(text)) {
		reasons.push(
			`${field}: speaks of ${quote(COMPLIANCE.exec(text)![0])}; the engine adds the unsubscribe link and postal address to every message, Blueprint text never mentions them`,
		);
	}
	if (MARKUP.test(text)) {
		reasons.push(`${field}: holds markup (${quote(MARKUP.exec(text)![0])}); plain words only`);
	}
	return reasons;
}

/** Each reason `text` (the model's `field`) cannot be used, as a sentence; empty when it can. */
export function screenModelText(field: string, text: string, ctx: ScreenContext): string[] {
	const reasons = screenInstructions(field, text);
	const support = squash(ctx.supportText);
	for (const url of text.match(URL) ?? []) {
		if (!support.includes(squash(url.replace(/[.,;:!?]+$/, ''))))
			reasons.push(`${field}: the link ${url} is not one the campaign gave`);
	}
	const email = EMAIL.exec(text);
	if (email) reasons.push(`${field}: holds the address ${email[0]}, which nobody gave`);
	const phone = PHONE.exec(text);
	if (phone && !support.includes(squash(phone[0]))) {
		reasons.push(`${field}: holds the phone number ${phone[0]}, which nobody gave`);
	}
	const street = STREET.exec(text);
	if (street) reasons.push(`${field}: holds a postal address (${quote(street[0])})`);
	for (const name of ctx.competitors) {
		if (name.trim() && new RegExp(`\\b${escapeRegExp(name.trim())}\\b`, 'i').test(text))
			reasons.push(`${field}: names the competitor ${name}; the brand's mail never does`);
	}
	const corpus = (ctx.corpusCompanies ?? []).map((key) => ({
		key,
		name: key,
		kind: 'company of the analysed mail' as const,
	}));
	for (const name of namesIn(text, corpus)) {
		if (!squash(ctx.userText ?? '').includes(squash(name.name)))
			reasons.push(
				`${field}: names ${name.name}, a company the analysed mail was written to; the brand's words never carry another prospect's name`,
			);
	}
	return reasons;
}

/**
 * Claims the campaign does not back: a figure or a superlative in the brand's words that neither
 * the user's context nor the brand's own mail contains ("cuts costs by 73%", "the leading…").
 * Example subjects are exempt from figures ("3 ideas for {{company}}" claims nothing).
 */
export function unsupportedClaims(field: string, text: string, ctx: ScreenContext): string[] {
	const support = squash(ctx.supportText);
	// Digits of a phone number or street address are reported as such, not as figures.
	const prose = text.replace(new RegExp(PHONE, 'g'), ' ').replace(new RegExp(STREET, 'giu'), ' ');
	const claims = [
		...(field.startsWith('exampleSubjects') ? [] : (prose.match(FIGURE) ?? [])),
		...(text.match(SUPERLATIVE) ?? []),
	]
		.map((c) => c.trim().replace(/[.,]+$/, ''))
		// A year is a date, not a claim.
		.filter((c) => !/^(19|20)\d\d$/.test(c));
	const unsupported = [...new Set(claims.filter((c) => c && !support.includes(squash(c))))];
	return unsupported.length
		? [
				`${field}: ${unsupported.map((c) => `"${c}"`).join(', ')} ${unsupported.length > 1 ? 'are claims' : 'is a claim'} neither the campaign context nor the brand's mail supports`,
			]
		: [];
}

/** The free-text fields of a synthesis, named as the model's answer names them. */
export function freeTextFields(s: {
	positioning: string;
	tone: string;
	openingGuidance: string;
	valuePropositions: string[];
	exampleSubjects: string[];
}): Array<[string, string]> {
	return [
		['positioning', s.positioning],
		['tone', s.tone],
		['openingGuidance', s.openingGuidance],
		...s.valuePropositions.map((v, i): [string, string] => [`valuePropositions[${i}]`, v]),
		...s.exampleSubjects.map((v, i): [string, string] => [`exampleSubjects[${i}]`, v]),
	];
}

/** Every reason a synthesis's words cannot be used. */
export function screenSynthesis(
	s: Parameters<typeof freeTextFields>[0],
	ctx: ScreenContext,
): string[] {
	return freeTextFields(s).flatMap(([field, text]) => [
		...screenModelText(field, text, ctx),
		...unsupportedClaims(field, text, ctx),
	]);
}
