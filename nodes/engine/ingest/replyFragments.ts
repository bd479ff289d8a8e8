import EmailParser from 'email-reply-parser/lib/parser/emailparser';
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

const isSignature = (line: string) =>
	MAYBE_SIGNATURE.test(line) && RegexList.signatureRegex.some((re) => re.test(line));
const isQuoteHeader = (line: string) =>
	MAYBE_QUOTE_HEADER.test(line) && RegexList.quoteHeadersRegex.some((re) => re.test(line));
const trimEnd = (line: string) => line.replace(/\s+$/, '');

/**
 * email-reply-parser's fragment split, with its rules (its own quote-header and signature regex
 * lists, its header repair) and its walk from the last line up, without its per-character string
 * reversals: the library reverses the text, then reverses every line back once per regex it tests,
 * so splitting cost more than parsing the whole message. The library itself stays the oracle: a
 * unit test compares both on thousands of bodies.
 */
export function replyFragments(text: string): ReplyFragment[] {
	const unix = text.replace(/\r\n/g, '\n');
	const repaired = MAYBE_QUOTE_HEADER.test(unix)
		? EmailParser.prototype.fixBrokenSignatures(unix)
		: unix;
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
