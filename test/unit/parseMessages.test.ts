import { csvMessages } from '../../nodes/engine/ingest/csvMessages';
import { jsonMessages } from '../../nodes/engine/ingest/jsonMessages';
import { normalizeFields } from '../../nodes/engine/ingest/normalizeFields';
import { normalizeItem } from '../../nodes/engine/ingest/normalizeItem';
import { parseMime } from '../../nodes/engine/ingest/parseMime';
import { normalizeSubject } from '../../nodes/engine/ingest/threadKey';
import type { IngestItem } from '../../nodes/engine/ingest/types';
import {
	eightBitHeaderWrongCharset,
	emptyBody,
	htmlOnly,
	latin1Subject,
	malformedMime,
	notMail,
	sequence,
} from '../fixtures/mail';

const mime = (raw: Buffer) => parseMime({ kind: 'mime', provider: 'eml', origin: 'test.eml', raw });

describe('parseMime', () => {
	it('normalizes a first touch: addresses, UTC date, body without the signature', async () => {
		const email = await mime(sequence[0]);
		expect(email).toMatchObject({
			providerMessageId: 'seq-1@northwind.example.com',
			fromAddress: 'dana@northwind.example.com',
			fromName: 'Dana Reyes',
			to: ['sam@prospect.example.org'],
			subject: 'Cutting month-end close for Prospect Co',
			signatureText: expect.stringContaining('Dana Reyes\nNorthwind Analytics'),
			sentAt: new Date('2026-03-02T09:00:00Z'),
		});
		expect(email.bodyText).toBe(
			'Hi Sam,\n\nI noticed Prospect Co just opened a Berlin office. Teams your size close the books 3 days faster with us.\n\nWorth a look?',
		);
	});

	it('separates the quoted earlier message from the new text and reads reply headers', async () => {
		const email = await mime(sequence[1]);
		expect(email.bodyText).toBe('Sam, one more thought: Acme cut their close from 9 to 5 days.');
		expect(email.quotedText).toContain('> I noticed Prospect Co');
		expect(email.inReplyTo).toBe('seq-1@northwind.example.com');
		expect(email.references).toEqual(['seq-1@northwind.example.com']);
	});

	it('decodes ISO-8859-1 encoded words and an 8-bit latin-1 body', async () => {
		const email = await mime(latin1Subject);
		expect(email.subject).toBe('Grüße aus Köln');
		expect(email.fromName).toBe('Jörg Müller');
		expect(email.bodyText).toBe('Schöne Grüße, wir sparen Ihnen 20 % der Zeit.');
		expect(email.sentAt).toEqual(new Date('2026-03-03T07:00:00Z'));
	});

	it('survives raw UTF-8 headers and an unknown charset label', async () => {
		const email = await mime(eightBitHeaderWrongCharset);
		expect(email.subject).toBe('Café meeting ☕');
		expect(email.fromName).toBe('Zoë');
		expect(email.bodyText).toMatch(/^Caf. at 3pm\?$/);
	});

	it('derives text from HTML-only mail and keeps the HTML', async () => {
		const email = await mime(htmlOnly);
		expect(email.bodyText).toBe(
			'Hi Lee,\n\nWould a 15-minute demo [https://initech.example.io/demo] help?',
		);
		expect(email.html).toContain('<a href="https://initech.example.io/demo">');
		// No Message-ID: its identity is its content hash (set by normalizeItem).
		expect(
			(await normalizeItem({ kind: 'mime', provider: 'eml', origin: 'a.eml', raw: htmlOnly }))
				.providerMessageId,
		).toMatch(/^sha256:[0-9a-f]{64}$/);
	});

	it('keeps an empty body with a warning, and reads malformed multipart as far as it goes', async () => {
		expect((await mime(emptyBody)).metadata.warnings).toEqual(['empty body']);
		expect((await mime(malformedMime)).bodyText).toBe('Text without the closing boundary.');
	});

	it('refuses what is not mail, and empty files', async () => {
		await expect(mime(notMail)).rejects.toThrow(
			'not an email: no From, Date, Subject or Message-ID header',
		);
		await expect(mime(Buffer.alloc(0))).rejects.toThrow('empty file');
	});
});

describe('normalizeSubject', () => {
	it('drops reply and forward prefixes in any language and case', () => {
		expect(normalizeSubject('RE: Fwd: AW:  Quick   question')).toBe('quick question');
		expect(normalizeSubject('Re[2]: Pricing')).toBe('pricing');
		expect(normalizeSubject('Regarding pricing')).toBe('regarding pricing');
	});
});

async function collect(
	items: AsyncIterable<IngestItem> | Iterable<IngestItem>,
): Promise<IngestItem[]> {
	const out: IngestItem[] = [];
	for await (const item of items) out.push(item);
	return out;
}

describe('CSV and JSON exports', () => {
	const csv = (text: string) => collect(csvMessages(Buffer.from(text), 'export.csv'));

	it('maps the columns a CRM export has, keeps the rest as metadata', async () => {
		const items = await csv(
			'\ufeffSender,Recipient,Subject Line,Body,Sent At,Thread ID,Owner\n' +
				'Dana <dana@n.example.com>,sam@p.example.org,Hello,"Hi Sam,\nshort note.",2026-03-02T09:00:00Z,t1,ann\n',
		);
		expect(items).toEqual([
			{
				kind: 'fields',
				provider: 'csv',
				origin: 'export.csv, line 3',
				fields: {
					from: 'Dana <dana@n.example.com>',
					to: 'sam@p.example.org',
					subject: 'Hello',
					body: 'Hi Sam,\nshort note.',
					sentAt: '2026-03-02T09:00:00Z',
					threadId: 't1',
				},
				metadata: { csv: { Owner: 'ann' } },
			},
		]);
		const email = normalizeFields(items[0] as Extract<IngestItem, { kind: 'fields' }>);
		expect(email).toMatchObject({
			fromAddress: 'dana@n.example.com',
			fromName: 'Dana',
			providerThreadId: 't1',
		});
	});

	it('fails a file without body or subject column, naming what it found', async () => {
		expect(await csv('name,email\nx,y@z.io\n')).toEqual([
			{
				kind: 'error',
				origin: 'export.csv, header',
				message: expect.stringMatching(/^no body or subject column \(found: name, email\)/),
			},
		]);
		expect(await csv('')).toEqual([
			{ kind: 'error', origin: 'export.csv', message: 'empty CSV: no header row' },
		]);
	});

	it('reports a malformed row with its line', async () => {
		const items = await csv('subject,body\nok,fine\nbad"quote,x\nnext,row\n');
		expect(items.map((i) => i.kind).sort()).toEqual(['error', 'fields', 'fields']);
		expect(items.find((i) => i.kind === 'error')).toMatchObject({
			origin: 'export.csv, line 3',
			kind: 'error',
			message: expect.stringMatching(/^malformed CSV/),
		});
	});

	it('stores a row whose date is not a date undated, and rejects one with neither subject nor body', () => {
		const item = (fields: object) => ({
			kind: 'fields' as const,
			provider: 'csv' as const,
			origin: 'x',
			fields,
		});
		expect(normalizeFields(item({ subject: 's', sentAt: 'yesterday-ish' }))).toMatchObject({
			sentAt: undefined,
			metadata: {
				warnings: [expect.stringMatching(/^date "yesterday-ish" is not in a known date format/)],
			},
		});
		expect(() => normalizeFields(item({ from: 'a@b.co' }))).toThrow('no subject and no body');
		expect(normalizeFields(item({ subject: 's', sentAt: 1772442000 })).sentAt).toEqual(
			new Date(1772442000 * 1000),
		);
	});

	it('reads JSON arrays and {"emails": [...]}, one error per bad entry', async () => {
		const items = await collect(
			jsonMessages(
				JSON.stringify({ emails: [{ subject: 'a', body: 'b' }, 42, { foo: 1 }] }),
				'x.json',
			),
		);
		expect(items.map((i) => i.kind)).toEqual(['fields', 'error', 'error']);
		expect(items[2]).toMatchObject({
			origin: 'x.json, entry 2',
			message: expect.stringMatching(/no body or subject column/),
		});
		expect(await collect(jsonMessages('{oops', 'x.json'))).toEqual([
			{ kind: 'error', origin: 'x.json', message: expect.stringMatching(/^not valid JSON/) },
		]);
	});
});
