import { LinkifyIt } from 'linkify-it';
import sbd from 'sbd';

import { GREETING, SIGN_OFF } from './lexicons';

const linkify = new LinkifyIt();
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export interface Link {
	url: string;
	/** The link as written in the text. */
	raw: string;
	/** Index of the sentence of the core text it sits in; -1 when outside (greeting or sign-off). */
	sentence: number;
}

/** The body of one email cut into what the signals look at. */
export interface TextParts {
	/** The greeting line ("Hi Kim,") if the body opens with one. */
	greeting?: string;
	/** The name the greeting addresses ("Kim"), if it names one. */
	greetingName?: string;
	/** The body between greeting and sign-off: what the sender says. */
	core: string;
	paragraphs: string[];
	sentences: string[];
	words: string[];
	links: Link[];
	/** The closing line and the name under it ("Best,\nDana"), if any. */
	signOff?: string;
	/** A P.S. (kept in the core as well). */
	postscript?: string;
}

export function wordsOf(text: string): string[] {
	return text.match(WORD) ?? [];
}

/**
 * Legal suffixes of company names ("NorthPeak Outfitters Ltd. this quarter"): sbd knows "Inc." but
 * ends a sentence after "Ltd." or "GmbH.", so their dot is held apart while it splits.
 */
const LEGAL_SUFFIX =
	/\b(Ltd|LLC|GmbH|Plc|plc|Pty|Corp|Co|SARL|SAS|S\.A|S\.L|B\.V|N\.V|S\.p\.A|AG|KG|Oy|AB)\./g;
const HELD_DOT = '\u2024';

export function sentencesOf(text: string): string[] {
	if (!text.trim()) return [];
	// Line breaks end sentences too: bullets and one-line asks are written without full stops.
	const sentences: string[] = [];
	const held = text.replace(LEGAL_SUFFIX, `$1${HELD_DOT}`);
	let split: string[];
	try {
		split = sbd.sentences(held, { newline_boundaries: true, preserve_whitespace: false });
	} catch {
		// sbd 1.0.19 throws on some texts (a line of "=========="): its lines are the sentences then.
		split = held.split('\n');
	}
	for (const raw of split) {
		const sentence = raw.trim().replaceAll(HELD_DOT, '.');
		if (wordsOf(sentence).length === 0) continue;
		// sbd ends a sentence after "P.S."; the postscript and what it says are one sentence.
		if (/^p\.?\s?s\.?:?$/i.test(sentences.at(-1) ?? ''))
			sentences.push(`${sentences.pop()} ${sentence}`);
		else sentences.push(sentence);
	}
	return sentences;
}

/** A line that is only a name and a comma ("Tom,"): the terse writer's greeting. */
const NAME_GREETING = /^(\p{Lu}[\p{L}'’-]+),$/u;
const NOT_A_NAME =
	/^(yes|no|sure|ok|okay|well|so|also|and|but|hello|hey|hi|great|perfect|agreed|noted),$/i;
/** Titles before a surname ("Dear Ms. Morales"): not the name. */
const TITLE = /^(mr|mrs|ms|miss|dr|prof|herr|frau)\.?\s+/i;
/**
 * A greeting that runs on into the message on the same line, as chat-style mail writes it: "hey
 * kev, the pricing…", "hi lin!! congrats…", "hi tod. following up." The greeting is the word and
 * one name; what follows the punctuation is the message.
 */
const INLINE_GREETING =
	/^((?:hi|hello|hey+|heya|hiya|yo|dear)\s+(?!(?:mr|mrs|ms|miss|dr|prof|herr|frau)\b)\p{L}[\p{L}'’-]*)\s*(?:[,!.:]+|\s[-–—])\s+(\S.*)$/iu;

function greetingOf(line: string): { greeting: string; name?: string } | undefined {
	const match = GREETING.exec(line.trim());
	// "Thanks," or "Sure," alone on the first line is a reply's first word, not a name.
	const bare =
		SIGN_OFF.test(line.trim()) || NOT_A_NAME.test(line.trim())
			? null
			: NAME_GREETING.exec(line.trim());
	if (!match) return bare ? { greeting: line.trim(), name: bare[1] } : undefined;
	const rest = match[3]
		.trim()
		.replace(/[,!:.]+$/, '')
		.replace(TITLE, '');
	const name = /^([\p{Lu}][\p{L}'’-]+)/u.exec(rest)?.[1];
	const generic = /^(there|team|all|everyone|folks|friend|sir|madam)$/i;
	return { greeting: line.trim(), name: name && !generic.test(name) ? name : undefined };
}

/**
 * The greeting that opens a first line which goes on with the message: a greeting word and a name
 * ("hey kev, …"), or the reader's own name alone ("ray - do u know…", "una, quick one: …"), which
 * only the recipient's address can tell from a first word. Returns the greeting and the rest.
 */
function inlineGreetingOf(
	line: string,
	reader: string | undefined,
): { greeting: string; rest: string } | undefined {
	const inline = INLINE_GREETING.exec(line.trim());
	if (inline) return { greeting: inline[1], rest: inline[2] };
	const named = /^(\p{L}[\p{L}'’-]*)\s*(?:,|!+|\s[-–—])\s*(\S.*)$/u.exec(line.trim());
	if (named && reader && named[1].toLowerCase() === reader)
		return { greeting: named[1], rest: named[2] };
	return undefined;
}

/**
 * Splits a plain-text body (quoted replies and the `-- ` signature already removed at ingest) into
 * greeting, core and sign-off, then the core into paragraphs, sentences and words.
 */
export function textParts(body: string, reader?: string): TextParts {
	const lines = body.replace(/\r\n?/g, '\n').split('\n');
	let start = 0;
	while (start < lines.length && !lines[start].trim()) start++;
	const inline = start < lines.length ? inlineGreetingOf(lines[start], reader) : undefined;
	let greeting = inline ? undefined : start < lines.length ? greetingOf(lines[start]) : undefined;
	if (inline) {
		greeting = greetingOf(inline.greeting) ?? { greeting: inline.greeting, name: undefined };
		lines[start] = inline.rest;
	} else if (greeting) start++;
	// The sign-off is the last "Best," / "Thanks," line within the final four non-empty lines.
	let end = lines.length;
	const tail = lines
		.map((line, i) => ({ line: line.trim(), i }))
		.filter(({ line, i }) => line && i >= start)
		.slice(-4);
	const signOffLine = [...tail].reverse().find(({ line }) => SIGN_OFF.test(line));
	if (signOffLine) end = signOffLine.i;
	// A P.S. after the name still speaks to the reader (and often carries the ask): it joins the core.
	const ps = lines.findIndex((line, i) => i >= end && /^\s*p\.?\s?s\.?\b/i.test(line));
	const postscript = ps >= 0 ? lines.slice(ps).join('\n').trim() : '';
	const core = [lines.slice(start, end).join('\n').trim(), postscript].filter(Boolean).join('\n\n');
	const sentences = sentencesOf(core);
	const paragraphs = core
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean);
	const links = (linkify.match(body) ?? []).map((match) => {
		const url = match.url;
		const sentence = sentences.findIndex((s) => s.includes(match.raw));
		return { url, raw: match.raw, sentence };
	});
	return {
		greeting: greeting?.greeting,
		greetingName: greeting?.name,
		core,
		paragraphs,
		sentences,
		// A URL is one word to a reader, not its host and path parts.
		words: wordsOf(
			(linkify.match(core) ?? []).reduceRight(
				(text, m) => text.slice(0, m.index) + 'link' + text.slice(m.lastIndex),
				core,
			),
		),
		links,
		signOff: signOffLine
			? lines
					.slice(signOffLine.i, ps >= 0 ? ps : undefined)
					.join('\n')
					.trim()
			: undefined,
		postscript: postscript || undefined,
	};
}
