import RegexList from 'email-reply-parser/lib/regex';

export interface ReplyFragment {
	content: string;
	quoted: boolean;
	signature: boolean;
}

interface Draft {
	/** Lines from the bottom of the message up, as email-reply-parser collects them. */
	lines: string[];
	quoted: boolean;
	signature: boolean;
}

/**
 * Necessary conditions, read off email-reply-parser 1.9.4's lists (pinned): every signature rule
 * needs a line of only - _ + = or one of these words, every quote-header rule a colon or one of
 * these words. Most lines have neither, so most lines skip the 25 and 29 regexes. A unit test pins
 * the lists, so a new library version cannot slip past these filters.
 */
const MAYBE_SIGNATURE =
	/^\s*[-_+=]+ ?$|sent from |get outlook for |cheers|best wishes|regards|gesendet|sendt fra |envoy|télécharger|bien |cordialement|bonne |enviado desde |scritto|verzonden vanaf |verstuurd vanaf /i;
const MAYBE_QUOTE_HEADER =
	/[:：]|wrote|écrit|escribió|scritto|escreveu|original message|oprindelig besked|message d'origine/i;

/**
 * The longest line a rule is tried on, and the most lines one header match spans. The library's
 * regexes backtrack super-linearly on long lines (`On\s.+\s.+wrote`: 15 s for one 100k-character
 * line) and some scan the rest of the text from every line start (`Op\s[\s\S]+?schreef`); no
 * real quote header or signature line is that long, or spread over more lines.
 */
const MAX_RULE_LINE = 200;
const HEADER_LINES = 4;

const isSignature = (line: string) =>
	line.length <= MAX_RULE_LINE &&
	MAYBE_SIGNATURE.test(line) &&
	RegexList.signatureRegex.some((re) => re.test(line));
/** A header the repair joined from several lines is tried whole. */
const isQuoteHeader = (line: string) =>
	line.length <= MAX_RULE_LINE * HEADER_LINES &&
	MAYBE_QUOTE_HEADER.test(line) &&
	RegexList.quoteHeadersRegex.some((re) => re.test(line));
const trimEnd = (line: string) => line.trimEnd();

/**
 * The library's header repair (fixBrokenSignatures: per rule, its first match has the newlines of
 * its first group made spaces, so a header wrapped over lines reads as one), tried on windows of
 * a few short lines instead of the whole text: linear in the text, whatever it holds.
 */
function repairHeaders(text: string): string {
	let repaired = text;
	let lines = text.split('\n');
	let candidate = lines.map(
		(line) => line.length <= MAX_RULE_LINE && MAYBE_QUOTE_HEADER.test(line),
	);
	for (const regex of RegexList.quoteHeadersRegex) {
		for (let i = 0; i < lines.length; i++) {
			// A match's leading blank lines are the rule's `^\s*`: it is tried from its first text line.
			if (lines[i].length > MAX_RULE_LINE || lines[i].trim() === '') continue;
			let end = i + 1;
			while (end < lines.length && end - i < HEADER_LINES && lines[end].length <= MAX_RULE_LINE)
				end++;
			if (!candidate.slice(i, end).includes(true)) continue;
			const match = regex.exec(lines.slice(i, end).join('\n'));
			// A match that starts on a later line is found from its own line, in order.
			if (!match || match.index > lines[i].length) continue;
			repaired = repaired.replace(match[1], match[1].replace(/\n/g, ' '));
			if (match[1].includes('\n')) {
				lines = repaired.split('\n');
				candidate = lines.map(
					(line) => line.length <= MAX_RULE_LINE && MAYBE_QUOTE_HEADER.test(line),
				);
			}
			break;
		}
	}
	return repaired;
}

/**
 * email-reply-parser's fragment split, with its rules (its own quote-header and signature regex
 * lists, its header repair) and its walk from the last line up, without its per-character string
 * reversals: the library reverses the text, then reverses every line back once per regex it tests,
 * so splitting cost more than parsing the whole message. The library itself stays the oracle: a
 * unit test compares both on thousands of bodies.
 */
export function replyFragments(text: string): ReplyFragment[] {
	const unix = text.replace(/\r\n/g, '\n');
	const repaired = MAYBE_QUOTE_HEADER.test(unix) ? repairHeaders(unix) : unix;
	const lines = repaired.split('\n');
	const done: Draft[] = [];
	let draft: Draft | undefined;
	for (let i = lines.length - 1; i >= 0; i--) {
		// The library trims what is, in its reversed text, the start of the line: our line's end.
		const line = isSignature(lines[i]) ? lines[i] : trimEnd(lines[i]);
		if (draft) {
			const last = draft.lines[draft.lines.length - 1];
			if (isSignature(last)) {
				draft.signature = true;
				done.push(draft);
				draft = undefined;
			} else if (line === '' && isQuoteHeader(last)) {
				draft.quoted = true;
				done.push(draft);
				draft = undefined;
			}
		}
		const quoted = line.startsWith('>');
		const continues =
			draft !== undefined &&
			(draft.quoted === quoted || (draft.quoted && (line === '' || isQuoteHeader(line))));
		if (!continues) {
			if (draft) done.push(draft);
			draft = { lines: [], quoted, signature: false };
		}
		draft!.lines.push(line);
	}
	if (draft) done.push(draft);
	return done.reverse().map((d) => ({
		content: d.lines.reverse().join('\n').replace(/^\n/, ''),
		quoted: d.quoted,
		signature: d.signature,
	}));
}
