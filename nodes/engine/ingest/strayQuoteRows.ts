/**
 * The lines of a CSV text on which a row opens a quote that would swallow the rows after it, found
 * in one pass: a quote that no later line closes, or one that is closed only after a quote that is
 * not valid inside a field (a stray quote, then the next row's quoted cell). csv-parse reads such
 * a row with the rows it swallowed as one record and drops them all (or, never closed, reads the
 * rest of the file as one field); cut at these lines, each stretch between them is read once and
 * a stray quote costs only its own row.
 *
 * The quote rules are csv-parse's with the reader's options (escape and quote both `"`, line feed
 * as the record delimiter, no trim, no comments, errors skipped): a quote opens a field only at
 * its start; inside a field `""` is a quote, and a quote followed by the separator, a line end or
 * the end of the text closes it; any other quote inside is an error that leaves the field open.
 */

const QUOTE = 34;
const LF = 10;
/** endsQuoted flags. */
const OPEN = 1;
const INVALID = 2;

/**
 * The text with every line ending a line feed (CRLF, or a bare CR in files that have no line
 * feed at all), the one record delimiter the reader gives csv-parse: its own discovery takes the
 * first ending it meets and reads a different one later as part of a field.
 */
export function lineFeedsOnly(text: string): string {
	return text.includes('\n') ? text.replace(/\r\n/g, '\n') : text.replace(/\r/g, '\n');
}

/**
 * How a line (from `start`, its quotes `quotes[first..last)`) entered inside a quoted field, or
 * not, ends: OPEN when inside one, INVALID when a quote inside a field neither closed it nor was
 * doubled.
 */
function endsQuoted(
	text: string,
	start: number,
	quotes: number[],
	first: number,
	last: number,
	quoted: boolean,
	separator: number,
): number {
	let invalid = 0;
	for (let q = first; q < last; q++) {
		const pos = quotes[q];
		if (quoted) {
			const next = pos + 1 < text.length ? text.charCodeAt(pos + 1) : -1;
			if (next === QUOTE) q++;
			else if (next === -1 || next === separator || next === LF) quoted = false;
			else invalid = INVALID;
		} else if (pos === start || text.charCodeAt(pos - 1) === separator) {
			// Unquoted: only a quote at a field's start (line start or after a separator) opens one.
			quoted = true;
		}
	}
	return (quoted ? OPEN : 0) | invalid;
}

export interface StrayQuoteRow {
	/** 1-based, the text split at `\n`. */
	line: number;
	/** No later line closes the quote (else it is closed only after an invalid one). */
	neverClosed: boolean;
}

/**
 * The lines whose row opens a quote that swallows the rows after it, in order. Lines inside a
 * properly closed multi-line field are not among them.
 */
export function strayQuoteRows(text: string, separator: string): StrayQuoteRow[] {
	const sep = separator.charCodeAt(0);
	const quotes: number[] = [];
	for (let pos = text.indexOf('"'); pos !== -1; pos = text.indexOf('"', pos + 1)) quotes.push(pos);
	if (quotes.length === 0) return [];
	// Each line's start and its first quote (an index into `quotes`).
	const starts: number[] = [];
	const firstQuote: number[] = [];
	let q = 0;
	for (let pos = 0; pos !== -1;) {
		starts.push(pos);
		while (q < quotes.length && quotes[q] < pos) q++;
		firstQuote.push(q);
		const next = text.indexOf('\n', pos);
		pos = next === -1 ? -1 : next + 1;
	}
	firstQuote.push(quotes.length);
	const count = starts.length;
	const ends = (line: number, quoted: boolean) =>
		endsQuoted(text, starts[line], quotes, firstQuote[line], firstQuote[line + 1], quoted, sep);
	// For a field still open when line j begins: closeAt[j], the line at whose end it is closed
	// (count: never); invalidFrom[j], the first line from j on with an invalid quote (count: none).
	const closeAt = new Int32Array(count + 1).fill(count);
	const invalidFrom = new Int32Array(count + 1).fill(count);
	for (let line = count - 1; line >= 0; line--) {
		const inside = ends(line, true);
		closeAt[line] = inside & OPEN ? closeAt[line + 1] : line;
		invalidFrom[line] = inside & INVALID ? line : invalidFrom[line + 1];
	}
	const broken: StrayQuoteRow[] = [];
	for (let line = 0; line < count;) {
		const outside = ends(line, false);
		if (!(outside & OPEN)) {
			line++;
			continue;
		}
		const closed = closeAt[line + 1];
		if (closed === count || outside & INVALID || invalidFrom[line + 1] <= closed)
			broken.push({ line: ++line, neverClosed: closed === count });
		else line = closed + 1;
	}
	return broken;
}
