import type { Readable } from 'node:stream';

import { parse } from 'csv-parse';

import { type ColumnMapping, fieldsOf, mapColumns } from './columnMapping';
import type { IngestItem } from './types';

/**
 * Streams a CSV export (header row first) as field items: one row in memory at a time. A header
 * that has neither a body nor a subject column fails the file with what was found; a malformed row
 * is an error for that row (with its line), and the rest goes on.
 */
export async function* csvMessages(stream: Readable, name: string): AsyncGenerator<IngestItem> {
	const parser = stream.pipe(
		parse({
			bom: true,
			columns: false,
			relax_column_count: true,
			skip_empty_lines: true,
			trim: false,
			info: true,
			// A broken row (stray quote…) is reported and skipped; the rows around it are kept.
			skip_records_with_error: true,
		}),
	);
	const skipped: IngestItem[] = [];
	parser.on('skip', (error: Error & { lines?: number }) => {
		skipped.push({
			kind: 'error',
			origin: `${name}, line ${error.lines ?? '?'}`,
			message: `malformed CSV: ${error.message}`,
		});
	});
	let header: string[] | undefined;
	let mapping: ColumnMapping | undefined;
	try {
		for await (const { record, info } of parser as AsyncIterable<{
			record: string[];
			info: { lines: number };
		}>) {
			yield* skipped.splice(0);
			if (!header) {
				header = record.map((cell) => cell.trim());
				try {
					mapping = mapColumns(header);
				} catch (error) {
					yield { kind: 'error', origin: `${name}, header`, message: (error as Error).message };
					stream.destroy();
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
				metadata: mapping!.unused.length ? { csv: extra } : {},
			};
		}
	} catch (error) {
		const err = error as Error & { lines?: number };
		yield {
			kind: 'error',
			origin: `${name}, line ${err.lines ?? '?'}`,
			message: `malformed CSV: ${err.message}`,
		};
	}
	yield* skipped.splice(0);
	if (!header) yield { kind: 'error', origin: name, message: 'empty CSV: no header row' };
}
