import { writeFileSync } from 'node:fs';

/**
 * A synthetic CSV export (from, to, date, subject, body) of `rows` sales emails, bodies over several
 * lines with quoted quotes; `broken` rows spread over the file open a quote they never close (a
 * cell pasted with a stray `"`), each of which the reader reports and reads past.
 */
export function generateCsv(file: string, rows: number, broken: number): number {
	const lines = ['from,to,date,subject,body'];
	const every = broken ? Math.floor(rows / broken) : Infinity;
	for (let i = 0; i < rows; i++) {
		const date = new Date(Date.UTC(2021, 0, 1) + i * 600_000).toISOString();
		const to = `person${i}@company${i % 997}.example.org`;
		const from = `rep${i % 7}@vendor${i % 3}.example.com`;
		lines.push(
			i % every === every - 1
				? `${from},${to},${date},"Pricing for Company ${i},stray quote`
				: `${from},${to},${date},Pricing for Company ${i % 997},"Hi Person ${i},\n\nWe help teams like yours with ""month-end close"".\nOpen to a 15-minute call on Tuesday?\n\nRep ${i % 7}"`,
		);
	}
	const text = lines.join('\n') + '\n';
	writeFileSync(file, text);
	return Buffer.byteLength(text);
}
