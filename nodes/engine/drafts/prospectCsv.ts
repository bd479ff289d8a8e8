import { parse } from 'csv-parse/sync';

import { isEngineError, invalidInput } from '../errors';
import { prospectFromRecord } from './prospectInput';
import type { ProspectInput } from './types';

export interface CsvProspects {
	prospects: Array<{ row: number; prospect: ProspectInput }>;
	/** Rows that could not be used, each with its line and why; the others are kept. */
	errors: Array<{ row: number; error: string }>;
}

/**
 * Prospects from a CSV export (header row; comma, semicolon or tab; BOM tolerated). A bad row is
 * reported with its line number and skipped; a file that is not CSV or has no email column fails.
 */
export function prospectsFromCsv(
	content: Buffer | string,
	fileName = 'the CSV file',
): CsvProspects {
	let records: Array<Record<string, string>>;
	const text = content.toString();
	const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = [',', ';', '\t'].sort(
		(a, b) => firstLine.split(b).length - firstLine.split(a).length,
	)[0];
	try {
		records = parse(text, {
			columns: true,
			bom: true,
			delimiter,
			skip_empty_lines: true,
			trim: true,
			relax_column_count: true,
		});
	} catch (error) {
		throw invalidInput(`${fileName} is not a readable CSV file: ${(error as Error).message}`);
	}
	const headers = Object.keys(records[0] ?? {});
	if (!headers.some((h) => /^e-?mail( ?address)?$|^work ?email$/i.test(h.trim()))) {
		throw invalidInput(
			`${fileName} has no email column`,
			`Found the columns: ${headers.join(', ') || 'none'}. Name one "email".`,
		);
	}
	const result: CsvProspects = { prospects: [], errors: [] };
	records.forEach((record, i) => {
		const row = i + 2;
		try {
			result.prospects.push({
				row,
				prospect: prospectFromRecord(record, `${fileName}, line ${row}`),
			});
		} catch (error) {
			if (!isEngineError(error)) throw error;
			result.errors.push({ row, error: error.message });
		}
	});
	return result;
}
