import { parse } from 'csv-parse/sync';

import { csvMessages } from '../../../nodes/engine/ingest/csvMessages';
import { lineFeedsOnly, strayQuoteRows } from '../../../nodes/engine/ingest/strayQuoteRows';

const OPTIONS = { relax_column_count: true, skip_empty_lines: true, record_delimiter: '\n' };

/** Whether csv-parse, with the reader's options, reads `text` to its end outside a quote. */
function readsToEnd(text: string): boolean {
	const codes: string[] = [];
	parse(text, {
		...OPTIONS,
		skip_records_with_error: true,
		on_skip: (error: { code?: string } | undefined) => void codes.push(error?.code ?? ''),
	});
	return !codes.includes('CSV_QUOTE_NOT_CLOSED');
}

/** Whether the first row of `text` is a clean record: strict csv-parse completes it before any error. */
function firstRowClean(text: string): boolean {
	let clean = false;
	try {
		parse(text, {
			...OPTIONS,
			on_record: () => {
				clean = true;
				throw new Error('first record read');
			},
		});
	} catch {
		// Either the first record was read (clean is set) or an error came first.
	}
	return clean;
}

const lines = (text: string) => strayQuoteRows(text, ',').map((row) => row.line);
const fromLine = (text: string, line: number) =>
	text
		.split('\n')
		.slice(line - 1)
		.join('\n');

describe('rows whose stray quote would swallow the rows after them', () => {
	it.each([
		['no quotes', 'a,b\nc,d', []],
		['a quoted field over three lines', 'a,"b\nc\nd"\ne,f', []],
		['escaped quotes in a closed field', 'a,"say ""hi""\nthere"\nb,c', []],
		['a quote inside an unquoted field opens nothing', 'a,5" screen\nb,c', []],
		['a stray opening quote', 'a,b\nc,"d\ne,f\ng,h', [2]],
		['two stray quotes, the second read inside the first', 'a,"b\nc,"d\ne,f', [1, 2]],
		["a stray quote closed by the next row's quoted cell", 'a,"b\nc,"d\ne"\nf,g', [1]],
		['a quote that closes at a later line end', 'a,"b\nc,d"\ne,"f', [3]],
		['CRLF line ends', lineFeedsOnly('a,"b\r\nc"\r\nd,"e\r\n'), [3]],
		['bare CR line ends', lineFeedsOnly('a,"b\rc"\rd,"e\r'), [3]],
		['a CR inside a field closes nothing', 'a,"b"\r\nc\nd,e', [1]],
		['a quote closed at the end of the text', 'a,"b\nc"', []],
		['a field re-opened on the line that closes one', 'a,"b\nc",d,"e\nf,g', [1, 2]],
	])('%s', (_, text, broken) => {
		expect(lines(text)).toEqual(broken);
	});

	it('cuts random texts only at rows csv-parse would not read cleanly, and reads every stretch to its end', () => {
		// A seeded generator over the characters that matter: separators, quotes, line ends.
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const alphabet = ['a', 'b', ',', '"', '""', '\n', '\r\n', '\r', ';'];
		let cuts = 0;
		for (let run = 0; run < 3000; run++) {
			const length = 1 + Math.floor(random() * 40);
			const text = lineFeedsOnly(
				Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
			);
			const broken = lines(text);
			cuts += broken.length;
			for (const line of broken)
				expect({ text, line, clean: firstRowClean(fromLine(text, line)) }).toEqual({
					text,
					line,
					clean: false,
				});
			const all = text.split('\n');
			const bounds = [0, ...broken, all.length + 1];
			for (let k = 0; k + 1 < bounds.length; k++) {
				const stretch = all.slice(bounds[k], bounds[k + 1] - 1).join('\n');
				expect({ text, stretch, toEnd: readsToEnd(stretch) }).toEqual({
					text,
					stretch,
					toEnd: true,
				});
			}
		}
		// The generator must make broken rows, or the checks above prove nothing.
		expect(cuts).toBeGreaterThan(300);
	});

	it("keeps the row after a stray quote that the next row's quoted body would have closed", async () => {
		const text =
			'from,subject,body\na@x.com,"Pricing 1,stray\nb@x.com,S2,"Hi,\n""q"" there\nRep"\nc@x.com,S3,B3\n';
		const items = [];
		for await (const item of csvMessages(Buffer.from(text), 'e.csv')) items.push(item);
		expect(items.map((i) => i.origin)).toEqual(['e.csv, line 2', 'e.csv, line 5', 'e.csv, line 6']);
		expect(items[0]).toMatchObject({
			kind: 'error',
			message: expect.stringMatching(/take the rows after it/),
		});
		expect(items[1]).toMatchObject({ kind: 'fields', fields: { body: 'Hi,\n"q" there\nRep' } });
	});

	it('reads a 200,000-row file with 100 broken rows, each reported once', async () => {
		const rows = ['from,subject,body'];
		for (let i = 0; i < 200_000; i++)
			rows.push(i % 2000 === 5 ? `a${i}@x.com,"broken ${i},body` : `a${i}@x.com,S ${i},B ${i}`);
		const errors: string[] = [];
		let read = 0;
		for await (const item of csvMessages(Buffer.from(rows.join('\n')), 'big.csv'))
			if (item.kind === 'error') errors.push(item.origin);
			else read++;
		expect(read).toBe(199_900);
		expect(errors).toEqual(Array.from({ length: 100 }, (_, k) => `big.csv, line ${2000 * k + 7}`));
	});
});
