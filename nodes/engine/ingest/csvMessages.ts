import { Readable } from 'node:stream';

import { parse } from 'csv-parse';

import { type ColumnMapping, fieldsOf, mapColumns } from './columnMapping';
import { decodeText } from './decodeText';
import type { DateReading } from './parseDate';
import { lineFeedsOnly, strayQuoteRows } from './strayQuoteRows';
import type { IngestItem } from './types';

export interface TextFileOptions {
	/** 'auto' (default): UTF-8, else Windows-1252 with a warning; or a charset name. */
	charset?: string;
	/** How its dates are read (day/month order, zone). */
	dates?: DateReading;
}

const SEPARATORS = [',', ';', '\t', '|'];
const NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** The separator of the header line: the candidate it holds most of, outside quotes. */
export function sniffSeparator(text: string): string {
	const counts = new Map(SEPARATORS.map((s) => [s, 0]));
	let quoted = false;
	for (const char of text.slice(0, 64 * 1024)) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
	}
	return [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

type Row = { record: string[]; info: { lines: number } };

const NEVER_CLOSED =
	'a quote opened in this row is never closed; the row is skipped and the rows after it are read on their own';
const SWALLOWS =
	'a quote opened in this row is not closed in it and would take the rows after it into one cell; the row is skipped and the rows after it are read on their own';

/**
 * The records of `text`. A stray quote would make the rows after it one field, or the rest of the
 * file: the rows that open one are found first, in one pass, and the text between them is read
 * on its own, so every row is parsed once and each broken row is reported once, at its line.
 */
async function* records(
	text: string,
	separator: string,
	name: string,
): AsyncGenerator<Row | IngestItem> {
	const lines = lineFeedsOnly(text);
	const reported = new Set<number>();
	let from = 0;
	let firstLine = 1;
	for (const broken of [...strayQuoteRows(lines, separator), undefined]) {
		// This stretch ends where the broken row's line starts.
		let to = from;
		if (broken === undefined) to = lines.length;
		else for (let line = firstLine; line < broken.line; line++) to = lines.indexOf('\n', to) + 1;
		if (to > from)
			yield* stretchRecords(lines.slice(from, to), firstLine - 1, separator, name, reported);
		if (broken === undefined) return;
		yield malformedRow(name, broken.line, broken.neverClosed ? NEVER_CLOSED : SWALLOWS, reported)!;
		const next = lines.indexOf('\n', to);
		if (next === -1) return;
		from = next + 1;
		firstLine = broken.line + 1;
	}
}

/** An error item for a malformed row at `line` of the file, unless that line was reported. */
function malformedRow(
	name: string,
	line: number | undefined,
	message: string,
	reported: Set<number>,
): IngestItem | undefined {
	if (line !== undefined && reported.has(line)) return undefined;
	if (line !== undefined) reported.add(line);
	return {
		kind: 'error',
		origin: `${name}, line ${line ?? '?'}`,
		// csv-parse counts lines from where its pass started; the origin has the file's line.
		message: `malformed CSV: ${message.replace(/ at line \d+/, '')}`,
	};
}

/**
 * The records of a stretch of the file that starts after `skippedLines` lines. Stretches are cut
 * at the stray-quote rows, so csv-parse reads each to its end (the random texts of
 * strayQuoteRows.test.ts check it); its other malformed rows are reported at their file line.
 */
async function* stretchRecords(
	text: string,
	skippedLines: number,
	separator: string,
	name: string,
	reported: Set<number>,
): AsyncGenerator<Row | IngestItem> {
	const parser = Readable.from([text]).pipe(
		parse({
			bom: true,
			delimiter: separator,
			record_delimiter: '\n',
			columns: false,
			relax_column_count: true,
			skip_empty_lines: true,
			trim: false,
			info: true,
			// A broken row (stray quote…) is reported and skipped; the rows around it are kept.
			skip_records_with_error: true,
		}),
	);
	const skipped: Array<Error & { lines?: number }> = [];
	parser.on('skip', (error: Error & { lines?: number }) => skipped.push(error));
	const malformed = function* () {
		for (const error of skipped.splice(0)) {
			const line = error.lines === undefined ? undefined : error.lines + skippedLines;
			const item = malformedRow(name, line, error.message, reported);
			if (item) yield item;
		}
	};
	for await (const row of parser as AsyncIterable<Row>) {
		yield* malformed();
		yield { record: row.record, info: { lines: row.info.lines + skippedLines } };
	}
	yield* malformed();
}

/**
 * A CSV export (header row first) as field items. The charset is read or declared, the separator
 * (comma, semicolon, tab or pipe) taken from the header line. A header that has neither a body nor
 * a subject column fails the file with what was found; a malformed row is an error for that row
 * (with its line), and the rest goes on.
 */
export async function* csvMessages(
	bytes: Buffer,
	name: string,
	options: TextFileOptions = {},
): AsyncGenerator<IngestItem> {
	const decoded = decodeText(bytes, options.charset);
	const separator = sniffSeparator(decoded.text);
	const warnings = decoded.warning ? [decoded.warning] : [];
	let header: string[] | undefined;
	let mapping: ColumnMapping | undefined;
	for await (const entry of records(decoded.text, separator, name)) {
		if ('kind' in entry) {
			yield entry;
			continue;
		}
		const { record, info } = entry;
		if (!header) {
			header = record.map((cell) => cell.trim());
			try {
				mapping = mapColumns(header);
			} catch (error) {
				yield {
					kind: 'error',
					origin: `${name}, header`,
					message: `${(error as Error).message} (read with ${NAMES[separator]} as the separator)`,
				};
				return;
			}
			continue;
		}
		const row = Object.fromEntries(header.map((column, i) => [column, record[i] ?? '']));
		const extra = Object.fromEntries(mapping!.unused.map((column) => [column, row[column]]));
		yield {
			kind: 'fields',
			provider: 'csv',
			origin: `${name}, line ${info.lines}`,
			fields: fieldsOf(row, mapping!),
			dates: options.dates,
			metadata: {
				...(mapping!.unused.length ? { csv: extra } : {}),
				...(warnings.length ? { warnings } : {}),
			},
		};
	}
	if (!header) yield { kind: 'error', origin: name, message: 'empty CSV: no header row' };
}
