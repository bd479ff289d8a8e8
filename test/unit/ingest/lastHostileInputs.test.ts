import { Readable } from 'node:stream';

import { csvMessages } from '../../../nodes/engine/ingest/csvMessages';
import { jsonMessages } from '../../../nodes/engine/ingest/jsonMessages';
import { mboxMessages } from '../../../nodes/engine/ingest/mboxMessages';
import { normalizeItem, type ParsableItem } from '../../../nodes/engine/ingest/normalizeItem';
import { parseDate } from '../../../nodes/engine/ingest/parseDate';
import type { IngestItem } from '../../../nodes/engine/ingest/types';

const headers = (lines: string[]) => lines.join('\r\n');
const message = (head: string[], body: string, type = 'text/plain; charset=utf-8') =>
	Buffer.from(`${headers([...head, `Content-Type: ${type}`])}\r\n\r\n${body}\r\n`, 'utf8');
const parse = (raw: Buffer, extra: Partial<ParsableItem> = {}) =>
	normalizeItem({
		kind: 'mime',
		provider: 'eml',
		origin: 'test.eml',
		raw,
		...extra,
	} as ParsableItem);
const warningsOf = (email: { metadata: Record<string, unknown> }) =>
	(email.metadata.warnings as string[] | undefined) ?? [];
const BASE = [
	'From: Sam <sam@globex.example.com>',
	'Subject: Hello',
	'Date: Tue, 03 Mar 2026 10:00:00 +0000',
	'Message-ID: <hostile@globex.example.com>',
];

/** BASE's sender and subject, one recipient and the body: what a repaired message must still hold. */
const intact = (bodyText: string) => ({
	fromAddress: 'sam@globex.example.com',
	subject: 'Hello',
	to: ['kim@p.example.org'],
	bodyText,
});

describe('the last hostile inputs: each one stored, and what changed said', () => {
	it('keeps the first 500 of 100,000 recipients in a 4 MB To: header (over the parser limit)', async () => {
		const to = Array.from(
			{ length: 100_000 },
			(_, i) => `"Person ${i}, Jr." <p${i}@x.example.net>`,
		);
		const raw = message([...BASE, `To: ${to.join(',\r\n ')}`], 'Hi all');
		expect(raw.length).toBeGreaterThan(4_000_000);
		const email = await parse(raw);
		expect(email.to).toHaveLength(500);
		expect(email.to[0]).toBe('p0@x.example.net');
		expect(email.to[499]).toBe('p499@x.example.net');
		expect(email.subject).toBe('Hello');
		expect(warningsOf(email)).toContainEqual(
			expect.stringMatching(/^To: 100000 addresses in a \d+-byte header; the first 500 kept$/),
		);
	});

	it('reads the text of HTML nested 20,000 <div>s or 5,000 tables deep, flat, without a stack overflow', async () => {
		const divs = `${'<div>'.repeat(20_000)}Deep &amp; nested<br>second line${'</div>'.repeat(20_000)}`;
		const tables = `${'<table><tr><td>'.repeat(5_000)}In a cell${'</td></tr></table>'.repeat(5_000)}`;
		for (const [html, text] of [
			[divs, 'Deep & nested\nsecond line'],
			[tables, 'In a cell'],
		]) {
			expect(html.length).toBeLessThan(230_000);
			const email = await parse(message(BASE, html, 'text/html; charset=utf-8'));
			expect(email.bodyText).toBe(text);
			expect(warningsOf(email)).toContain(
				'HTML nested too deep for the converter; its text was read flat',
			);
		}
	});

	it('reads bare-CR line ends (old Mac mail) as lines', async () => {
		const raw = Buffer.from(
			`${BASE.join('\r')}\rTo: kim@p.example.org\rContent-Type: text/plain\r\rFirst line\rSecond line\r`,
			'latin1',
		);
		const email = await parse(raw);
		expect(email).toMatchObject(intact('First line\nSecond line'));
		expect(warningsOf(email)).toContain('bare CR line ends read as CRLF');
	});

	it('stores a message whose one unread header is 3 MB, cut to its start', async () => {
		const raw = message(
			[...BASE, `X-Junk: ${'a'.repeat(3_000_000)}`, 'To: kim@p.example.org'],
			'Hi',
		);
		const email = await parse(raw);
		expect(email).toMatchObject(intact('Hi'));
		expect(warningsOf(email)).toContainEqual(
			expect.stringMatching(/^X-Junk: a 30000\d\d-byte header cut to its first 65536 bytes$/),
		);
	});

	it('cuts a 2 MB header line with no name, and names it by what it is', async () => {
		const raw = message([...BASE, 'q'.repeat(2_000_000), 'To: kim@p.example.org'], 'Hi');
		const email = await parse(raw);
		expect(email).toMatchObject(intact('Hi'));
		expect(warningsOf(email)).toContain(
			'a header line: a 2000002-byte header cut to its first 65536 bytes',
		);
	});

	it('keeps the root and the nearest parents of a 100,000-id References header', async () => {
		const ids = Array.from({ length: 100_000 }, (_, i) => `<r${i}@globex.example.com>`);
		const raw = message(
			[...BASE, `References: ${ids.join('\r\n ')}`, `In-Reply-To: ${ids[99_999]}`],
			'Re',
		);
		const email = await parse(raw);
		expect(email.references[0]).toBe('r0@globex.example.com');
		expect(email.references.at(-1)).toBe('r99999@globex.example.com');
		expect(email.references).toHaveLength(50);
		expect(email.references[1]).toBe('r99951@globex.example.com');
		expect(email.inReplyTo).toBe('r99999@globex.example.com');
		expect(warningsOf(email)).toContainEqual(
			expect.stringMatching(/^References: a \d+-byte header shortened to its first and last ids$/),
		);
	});

	it('drops the largest unread headers when 40 of 60 kB each make the section too big for the parser', async () => {
		const junk = Array.from({ length: 40 }, (_, i) => `X-Trace-${i}: ${'z'.repeat(60_000)}`);
		const raw = message([...junk, ...BASE, 'To: kim@p.example.org'], 'Still here');
		const email = await parse(raw);
		expect(email).toMatchObject(intact('Still here'));
		expect(warningsOf(email)).toContain(
			'23 header fields the ingest does not read dropped: the header section was over 1048576 bytes',
		);
	});

	it('reads header bytes that are not UTF-8 as Windows-1252, and says so', async () => {
		const raw = Buffer.concat([
			Buffer.from('From: J', 'latin1'),
			Buffer.from([0xf6]),
			Buffer.from('rg <jorg@globex.example.de>\r\nSubject: Gr', 'latin1'),
			Buffer.from([0xfc, 0xdf]),
			Buffer.from('e \x80 aus K', 'latin1'),
			Buffer.from([0xf6]),
			Buffer.from('ln\r\nDate: Tue, 03 Mar 2026 10:00:00 +0000\r\n\r\nHallo\r\n', 'latin1'),
		]);
		const email = await parse(raw);
		expect(email.subject).toBe('Grüße € aus Köln');
		expect(email.fromName).toBe('Jörg');
		expect(warningsOf(email)).toContain('2 header fields were not UTF-8; read as Windows-1252');
	});

	it('warns when an encoded word decodes to nothing instead of storing an empty subject in silence', async () => {
		const email = await parse(
			message([...BASE.slice(0, 1), 'Subject: =?utf-8?B?####?=', ...BASE.slice(2)], 'Hi'),
		);
		expect(email.subject).toBe('');
		expect(warningsOf(email)).toContainEqual(
			expect.stringMatching(/^the subject's encoded words decoded to nothing/),
		);
	});

	it('replaces half a UTF-16 character from JSON and names the field', async () => {
		const json = Buffer.from(
			'[{"from":"sam@globex.example.com","subject":"Hi \\ud800 there","body":"ok \\udc00","id":"s1"}]',
		);
		const items: IngestItem[] = [];
		for await (const item of jsonMessages(json, 'export.json')) items.push(item);
		const email = await normalizeItem(items[0] as ParsableItem);
		expect(email.subject).toBe('Hi \ufffd there');
		expect(email.bodyText).toBe('ok \ufffd');
		expect(warningsOf(email)).toContainEqual(
			expect.stringMatching(/^subject, bodyText: half of a UTF-16 character/),
		);
	});

	it('reads the obsolete and IMAP date forms RFC 5322 allows: UT, military zones, dashes, any-case months', () => {
		const iso = (value: string) =>
			parseDate(value, { now: new Date('2026-12-05T00:00:00Z') })?.date?.toISOString();
		expect(iso('Tue, 3 Mar 2026 10:00:00 UT')).toBe('2026-03-03T10:00:00.000Z');
		expect(iso('3 Mar 2026 10:00:00 Z')).toBe('2026-03-03T10:00:00.000Z');
		expect(iso('3 Mar 2026 10:00:00 Q')).toBe('2026-03-03T10:00:00.000Z');
		expect(iso('03-Mar-2026 10:00:00 +0000')).toBe('2026-03-03T10:00:00.000Z');
		expect(iso('03-Mar-2026 10:00:00 -0500')).toBe('2026-03-03T15:00:00.000Z');
		expect(iso('tue, 3 mar 2026 10:00:00 +0000')).toBe('2026-03-03T10:00:00.000Z');
		expect(iso('3 MAR 2026 10:00:00 GMT')).toBe('2026-03-03T10:00:00.000Z');
	});

	it('dates an mbox message without a Date header by its "From " line, as documented', async () => {
		const box = Buffer.from(
			[
				'From sam@globex.example.com Mon Mar  2 09:00:00 2026',
				'From: sam@globex.example.com',
				'Subject: No date here',
				'',
				'Body',
				'',
				'From kim@initech.example.io Tue Mar  3 10:30:00 +0100 2026',
				'From: kim@initech.example.io',
				'Subject: Has a date',
				'Date: Wed, 04 Mar 2026 12:00:00 +0000',
				'',
				'Body',
				'',
			].join('\n'),
		);
		const items: IngestItem[] = [];
		for await (const item of mboxMessages(Readable.from([box]), {
			name: 'box.mbox',
			maxMessageBytes: 1e6,
		}))
			items.push(item);
		const [undated, dated] = await Promise.all(items.map((i) => normalizeItem(i as ParsableItem)));
		expect(undated.sentAt).toEqual(new Date('2026-03-02T09:00:00Z'));
		expect(warningsOf(undated)).toContainEqual(
			expect.stringMatching(/^no Date header; dated 2026-03-02T09:00:00.000Z by where it was kept/),
		);
		// The header wins where there is one.
		expect(dated.sentAt).toEqual(new Date('2026-03-04T12:00:00Z'));
		expect((items[1] as { fallbackSentAt?: Date }).fallbackSentAt).toEqual(
			new Date('2026-03-03T09:30:00Z'),
		);
	});

	it('reports each CSV row with a stray quote once, at its line in the file, and reads every other row', async () => {
		const rows = ['from,subject,body'];
		// 100 stray quotes among the first 1,000 rows, then 1,000 clean ones.
		for (let i = 0; i < 2000; i++)
			rows.push(
				i < 1000 && i % 10 === 5
					? `a${i}@x.com,"broken ${i},body`
					: `a${i}@x.com,Subject ${i},Body ${i}`,
			);
		const errors: string[] = [];
		let read = 0;
		for await (const item of csvMessages(Buffer.from(rows.join('\n')), 'export.csv'))
			if (item.kind === 'error') errors.push(item.origin);
			else read++;
		expect(read).toBe(1900);
		// Before: 5,050 entries for these 100 rows (each restart reported the rest again).
		expect(errors).toHaveLength(100);
		expect(new Set(errors).size).toBe(100);
		expect(errors.sort()).toEqual(
			Array.from({ length: 100 }, (_, k) => `export.csv, line ${10 * k + 7}`).sort(),
		);
	});
	it('streams an mbox line of 60 MB: the messages around it kept, the long one skipped or whole by the limit', async () => {
		const separated = (subject: string, body: string) =>
			`From a@x.com Mon Mar  2 09:00:00 2026\nFrom: a@x.com\nSubject: ${subject}\n\n${body}\n\n`;
		const line = Buffer.alloc(60 * 2 ** 20, 'a');
		async function* chunks() {
			yield Buffer.from(separated('before', 'hello'));
			yield Buffer.from(separated('long', '').slice(0, -2));
			for (let at = 0; at < line.length; at += 65_536) yield line.subarray(at, at + 65_536);
			yield Buffer.from(`\n\n${separated('after', 'bye')}`);
		}
		const read = async (maxMessageBytes: number) => {
			const out: string[] = [];
			const started = Date.now();
			for await (const item of mboxMessages(Readable.from(chunks()), {
				name: 'x.mbox',
				maxMessageBytes,
			}))
				out.push(
					item.kind === 'mime'
						? `${item.raw.length} bytes`
						: `${item.kind}: ${'message' in item ? item.message : ''}`,
				);
			// Before: every chunk copied the line so far (38 s, 470 MB for this line); a guard, not a timing.
			return { out, withinGuard: Date.now() - started < 20_000 };
		};
		expect(await read(50 * 2 ** 20)).toEqual({
			out: ['37 bytes', 'error: message is over 52428800 bytes; skipped', '34 bytes'],
			withinGuard: true,
		});
		expect(await read(64 * 2 ** 20)).toEqual({
			out: ['37 bytes', `${60 * 2 ** 20 + 30} bytes`, '34 bytes'],
			withinGuard: true,
		});
	});
});
