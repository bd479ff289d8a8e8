import type { Readable } from 'node:stream';

import { parseDate } from './parseDate';
import type { IngestItem } from './types';

const NL = 0x0a;
/** What is kept of a line longer than a message may be: enough to tell a separator or a header. */
const LONG_LINE_HEAD = 256;
const FROM_ = Buffer.from('From ');
/** mboxrd escapes body lines that start with "From " as ">From ", ">>From "…; one ">" comes off. */
const ESCAPED_FROM = /^>+From /;
/** The date of a separator line: asctime ("Mon Mar  2 09:00:00 2026"), maybe with a zone before the year. */
const FROM_DATE =
	/^From \S+ +(?:[A-Za-z]{3},? +)?([A-Za-z]{3}) +(\d{1,2}) +(\d{1,2}:\d\d(?::\d\d)?)(?: +([+-]\d{4}|[A-Za-z]{1,5}))? +(\d{4})\b/;

/** When a separator line says the message arrived (UTC unless it names a zone), or undefined. */
export function fromLineDate(line: Buffer): Date | undefined {
	const m = FROM_DATE.exec(line.subarray(0, 200).toString('latin1'));
	if (!m) return undefined;
	return parseDate(`${m[2]} ${m[1]} ${m[5]} ${m[3]} ${m[4] ?? '+0000'}`)?.date;
}

/** A full separator: "From sender@example.com Mon Mar  2 09:00:00 2026" (an address, a time, a year). */
const FROM_LINE = /^From \S+ +[^\r\n]*\b\d{1,2}:\d\d(:\d\d)?\b[^\r\n]*\b\d{4}\b/;
/** A header field's first line ("Subject: …", "X-Mailer: …"): what follows a real separator. */
const HEADER_LINE = /^[!-9;-~]+:/;

export interface MboxOptions {
	/** Name shown in errors and origins ("inbox.mbox"). */
	name: string;
	/** Messages larger than this are skipped with an error instead of buffered. */
	maxMessageBytes: number;
}

/**
 * Streams an mbox file (mboxo/mboxrd: messages separated by "From " lines after a blank line and
 * before a header line; body lines that start with "From " unescaped stay body) as one raw message
 * at a time: memory holds one message, never the file. Each message carries its index
 * and byte offset; data before the first "From " line and oversized messages come out as errors that
 * say where, and the rest of the file goes on.
 */
export async function* mboxMessages(
	stream: Readable,
	options: MboxOptions,
): AsyncGenerator<IngestItem> {
	let lines: Buffer[] = [];
	let bytes = 0;
	let index = 0;
	let messageStart = -1; // -1: before the first separator
	let separatorDate: Date | undefined;
	let previousBlank = true;
	let oversized = false;
	let preamble = 0;

	const flush = (atEnd: boolean): IngestItem | undefined => {
		if (messageStart < 0) {
			if (atEnd) {
				return {
					kind: 'error',
					origin: options.name,
					message: 'not an mbox file: no "From " separator line found',
				};
			}
			return preamble > 0
				? {
						kind: 'error',
						origin: `${options.name}, bytes 0-${preamble}`,
						message: 'data before the first "From " line is not an mbox message; skipped',
					}
				: undefined;
		}
		// Counted from 1 as a person counts; the byte offset is exact either way.
		const origin = `${options.name}, message ${index + 1} at byte ${messageStart}`;
		if (oversized) {
			return {
				kind: 'error',
				origin,
				message: `message is over ${options.maxMessageBytes} bytes; skipped`,
			};
		}
		// Drop the blank line that separates this message from the next separator.
		let end = lines.length;
		if (
			end > 0 &&
			lines[end - 1].length <= 2 &&
			(lines[end - 1][0] === NL || lines[end - 1][0] === 0x0d)
		)
			end--;
		return {
			kind: 'mime',
			provider: 'mbox',
			origin,
			raw: Buffer.concat(lines.slice(0, end)),
			// A message without a Date header is dated by its separator line, as mbox readers do.
			...(separatorDate ? { fallbackSentAt: separatorDate } : {}),
			metadata: { mbox: { file: options.name, index, offset: messageStart } },
		};
	};

	/** Starts the message whose "From " line is at `lineOffset`; returns the one it completes. */
	const separate = (lineOffset: number, line: Buffer): IngestItem | undefined => {
		const done = flush(false);
		if (messageStart >= 0) index++;
		messageStart = lineOffset;
		separatorDate = fromLineDate(line);
		lines = [];
		bytes = 0;
		oversized = false;
		previousBlank = false;
		return done;
	};

	/**
	 * Adds a line to the current message (or to the preamble before the first one). A line longer
	 * than a message may be comes as its first bytes and its `length`.
	 */
	const add = (line: Buffer, lineOffset: number, blank: boolean, length = line.length): void => {
		previousBlank = blank;
		if (messageStart < 0) {
			preamble = lineOffset + length;
			return;
		}
		if (oversized) return;
		bytes += length;
		if (bytes > options.maxMessageBytes) {
			oversized = true;
			lines = [];
			return;
		}
		lines.push(
			line[0] === 0x3e && ESCAPED_FROM.test(line.subarray(0, 12).toString('latin1'))
				? line.subarray(1)
				: line,
		);
	};

	/**
	 * A "From " line after a blank line that is not a full separator line, held until the next line
	 * shows what it is: a separator when a header line follows, else body text a writer did not
	 * escape ("From here on, …"), which a less careful reader would cut the message at.
	 */
	let held: { line: Buffer; offset: number; length: number } | undefined;

	/** Takes one line (or a long line's first bytes); returns the message it completes, if any. */
	const take = (line: Buffer, lineOffset: number, length: number): IngestItem | undefined => {
		const blank = length <= 2 && (line[0] === NL || line[0] === 0x0d);
		if (held) {
			const from = held;
			held = undefined;
			if (HEADER_LINE.test(line.subarray(0, 80).toString('latin1'))) {
				const done = separate(from.offset, from.line);
				add(line, lineOffset, blank, length);
				return done;
			}
			add(from.line, from.offset, false, from.length);
		}
		if ((previousBlank || messageStart < 0) && line.subarray(0, 5).equals(FROM_)) {
			// Before the first message any "From " line starts one; so does a full "From_" line.
			if (messageStart < 0 || FROM_LINE.test(line.subarray(0, 200).toString('latin1'))) {
				return separate(lineOffset, line);
			}
			held = { line, offset: lineOffset, length };
			return undefined;
		}
		add(line, lineOffset, blank, length);
		return undefined;
	};

	// The line being read across chunks: its pieces, or, once it is longer than a message may be,
	// only its first bytes and its length (what tells a line's role is at its start).
	let pieces: Buffer[] = [];
	let pieceBytes = 0;
	let longHead: Buffer | undefined;
	let lineStart = 0;
	const finish = (last: Buffer): IngestItem | undefined => {
		const length = pieceBytes + last.length;
		const line = longHead ?? (pieces.length ? Buffer.concat([...pieces, last]) : last);
		pieces = [];
		pieceBytes = 0;
		longHead = undefined;
		const done = take(line, lineStart, length);
		lineStart += length;
		return done;
	};
	const keep = (piece: Buffer): void => {
		pieceBytes += piece.length;
		if (longHead) return;
		pieces.push(Buffer.from(piece));
		if (pieceBytes > options.maxMessageBytes) {
			longHead = Buffer.concat(pieces).subarray(0, LONG_LINE_HEAD);
			pieces = [];
		}
	};

	for await (const chunk of stream) {
		const data = chunk as Buffer;
		let start = 0;
		for (let nl = data.indexOf(NL); nl >= 0; nl = data.indexOf(NL, start)) {
			const done = finish(data.subarray(start, nl + 1));
			if (done) yield done;
			start = nl + 1;
		}
		if (start < data.length) keep(data.subarray(start));
	}
	if (pieceBytes) {
		const done = finish(Buffer.alloc(0));
		if (done) yield done;
	}
	if (held) add(held.line, held.offset, false, held.length);
	const last = flush(true);
	if (last) yield last;
}
