import { Readable } from 'node:stream';

import { parse } from 'csv-parse';

import { type ColumnMapping, fieldsOf, mapColumns } from './columnMapping';
import { decodeText } from './decodeText';
import type { DateReading } from './parseDate';
import type { IngestItem } from './types';

export interface TextFileOptions {
	/** 'auto' (default): UTF-8, else Windows-1252 with a warning; or a charset name. */
	charset?: string;
	/** How its dates are read (day/month order, zone). */
	dates?: DateReading;
}

const SEPARATORS = [',', ';', '\t', '|'];
const NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
/** Restarts after unclosed quotes before the rest of a file is given up as one error. */
const MAX_RESTARTS = 100;

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

/**
 * The records of `text` from line `fromLine` on. A stray quote that is never closed would make the
 * rest of the file one field; csv-parse reports it only at the end, so the row it opened in is
 * reported and reading starts again on the line after it.
 */
async function* records(
	text: string,
	separator: string,
	name: string,
): AsyncGenerator<Row | IngestItem> {
	// Restarts read the text after the broken row: csv-parse's own from_line still parses the
	// lines it skips, and with them the open quote.
	let skippedLines = 0;
	let rest = text;
	// A restart reads the rows after a broken one again: what they were reported for, once is enough.
	const reported = new Set<number>();
	const malformed = (error: Error & { lines?: number }): IngestItem | undefined => {
		const line = error.lines;
		if (line !== undefined && reported.has(line)) return undefined;
		if (line !== undefined) reported.add(line);
		return {
			kind: 'error',
			origin: `${name}, line ${line ?? '?'}`,
			// csv-parse counts lines from where this pass started; the origin has the file's line.
			message: `malformed CSV: ${error.message.replace(/ at line \d+/, '')}`,
		};
	};
	for (let restart = 0; ; restart++) {
		const parser = Readable.from([rest]).pipe(
			parse({
				bom: true,
				delimiter: separator,
				columns: false,
				relax_column_count: true,
				skip_empty_lines: true,
				trim: false,
				info: true,
				// A broken row (stray quote…) is reported and skipped; the rows around it are kept.
				skip_records_with_error: true,
			}),
		);
		const skipped: Array<Error & { code?: string; lines?: number }> = [];
		parser.on('skip', (error: Error & { lines?: number }) => {
			if (error.lines !== undefined) error.lines += skippedLines;
			skipped.push(error);
		});
		let lastLine = skippedLines;
		const isUnclosed = (error: { code?: string }) => error.code === 'CSV_QUOTE_NOT_CLOSED';
		for await (const row of parser as AsyncIterable<Row>) {
			// The parser may report the end-of-file quote before the rows ahead of it are read.
			for (const error of skipped.filter((e) => !isUnclosed(e))) {
				skipped.splice(skipped.indexOf(error), 1);
				const item = malformed(error);
				if (item) yield item;
			}
			lastLine = row.info.lines + skippedLines;
			yield { record: row.record, info: { lines: lastLine } };
		}
		const unclosed = skipped.find(isUnclosed);
		const broken = lastLine + 1;
		// After an unclosed quote the rest of the pass is read inside it: the errors it reported
		// there are echoes of the broken row, and those lines are read again after it.
		for (const error of skipped.filter((e) => e !== unclosed)) {
			if (unclosed && (error.lines ?? Infinity) > broken) continue;
			const item = malformed(error);
			if (item) yield item;
		}
		if (!unclosed) return;
		if (restart === MAX_RESTARTS) {
			yield {
				kind: 'error',
				origin: `${name}, line ${broken} to the end`,
				message: `malformed CSV: more than ${MAX_RESTARTS} rows with a quote that is never closed; the rest of the file was not read`,
			};
			return;
		}
		yield* [
			malformed(
				Object.assign(
					new Error(
						'a quote opened in this row is never closed; the row is skipped and the rows after it are read on their own',
					),
					{ lines: broken },
				),
			),
		].filter((item): item is IngestItem => item !== undefined);
		// The text after the broken row's first line (line numbers count from 1).
		let offset = 0;
		for (let line = 0; line < broken; line++) {
			offset = text.indexOf('\n', offset) + 1;
			if (offset === 0) return;
		}
		rest = text.slice(offset);
		skippedLines = broken;
	}
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
