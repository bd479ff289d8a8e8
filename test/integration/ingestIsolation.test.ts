import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import {
	createCampaign,
	fileMessages,
	ingestMessages,
	type IngestItem,
	type IngestLog,
} from '../../nodes/engine';
import { sha256 } from '../../nodes/engine/objectStore/contentKey';
import { goodMessage, HOSTILE } from '../fixtures/hostileMail';
import { eml, mbox } from '../fixtures/mail';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

/** The promise every log keeps, whatever came in. */
function expectCountsAddUp(log: IngestLog) {
	expect(log.seen).toBe(log.inserted + log.duplicates + log.errorCount);
	expect(log.aborted).toBeUndefined();
}

async function* files(
	list: Array<{ fileName: string; content: Buffer }>,
	options: Parameters<typeof fileMessages>[2] = {},
): AsyncGenerator<IngestItem> {
	for (const file of list) yield* fileMessages(file, undefined, options);
}

const csv = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding);

describe.each(STORE_KINDS)('ingest isolation on %s', (kind) => {
	let store: TestStore;
	let campaignId: string;
	const brand = () => ({ campaignId, source: 'brand' as const });
	const rows = async <T>(sql: string, params: Array<string | number> = []) =>
		(await store.engine.db.query<T>(sql, [campaignId, ...params])).rows;

	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	beforeEach(async () => {
		campaignId = (await createCampaign(store.engine, { brand: { name: 'Northwind' } })).id;
	});
	afterAll(() => store.dispose());

	it('stores 129 good messages and the bad one of the same mbox, the log written and adding up', async () => {
		const messages = Array.from({ length: 130 }, (_, i) =>
			i === 64 ? eml(['From: a@b.io', 'Subject: ' + 'S'.repeat(3000), '', 'x']) : goodMessage(i),
		);
		const log = await ingestMessages(
			store.engine,
			brand(),
			files([{ fileName: 'box.mbox', content: mbox(messages) }]),
			{
				batchSize: 50,
			},
		);
		expect(log).toMatchObject({ seen: 130, inserted: 130, errorCount: 0 });
		expectCountsAddUp(log);
		const stored = JSON.parse((await store.engine.objects.get(log.logKey!)).toString());
		expect(stored).toMatchObject({ seen: 130, inserted: 130 });
		const [long] = await rows<{ subject: string; metadata: { warnings: string[] } }>(
			`select subject, metadata from emails where campaign_id = $1 and subject like 'SSS%'`,
		);
		expect(long.subject).toHaveLength(998);
		expect(long.subject.endsWith(' [...]')).toBe(true);
		expect(long.metadata.warnings).toContain('subject cut from 3000 to 998 characters');
	});

	it('keys long Message-IDs and thread keys by their hash, so a re-run finds them', async () => {
		const raw = eml([
			'From: a@b.io',
			'To: ' + 'long'.repeat(700) + '@x.io',
			`Subject: ${'T'.repeat(900)}`,
			`Message-ID: <${'m'.repeat(3000)}@b.io>`,
			'',
			'x',
		]);
		const item: IngestItem = { kind: 'mime', provider: 'eml', origin: 'long.eml', raw };
		const first = await ingestMessages(store.engine, brand(), [item]);
		expect(first).toMatchObject({ inserted: 1, errorCount: 0 });
		const again = await ingestMessages(store.engine, brand(), [
			{ ...item, provider: 'mbox', origin: 'box.mbox' },
		]);
		expect(again).toMatchObject({ inserted: 0, duplicates: 1 });
		const [row] = await rows<{
			provider_message_id: string;
			thread_id: string;
			to_addresses: string[];
			metadata: Record<string, unknown>;
		}>(
			`select provider_message_id, thread_id, to_addresses, metadata from emails where campaign_id = $1`,
		);
		expect(row.provider_message_id).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(row.thread_id.length).toBeLessThanOrEqual(200);
		expect(row.to_addresses).toEqual([]);
		expect(String(row.metadata.longMessageId)).toMatch(/^m{1000}/);
	});

	it('never aborts on a date: out of range, rolled over or ambiguous dates are stored undated with a warning', async () => {
		const export_ =
			'subject,body,sent at\n' +
			'a,x,0000-01-01\n' +
			'b,x,-000001-01-01T00:00:00Z\n' +
			'c,x,2026-02-30\n' +
			'd,x,12/31/2025\n' +
			'e,x,31/12/2025\n' +
			'f,x,03/04/2025\n' +
			'g,x,+010000-01-01T00:00:00Z\n' +
			'h,x,2025-12-31 10:00\n';
		const log = await ingestMessages(
			store.engine,
			brand(),
			files([
				{ fileName: 'dates.csv', content: csv(export_) },
				{ fileName: 'y10000.eml', content: HOSTILE.find((h) => h.name === 'year 10000')!.raw },
				{ fileName: 'y0001.eml', content: HOSTILE.find((h) => h.name === 'year 0001')!.raw },
			]),
			{ parseWorkers: 0 },
		);
		expect(log).toMatchObject({ seen: 10, inserted: 10, errorCount: 0 });
		const dated = await rows<{
			subject: string;
			sent_at: Date | null;
			metadata: { warnings?: string[] };
		}>(`select subject, sent_at, metadata from emails where campaign_id = $1 order by subject`);
		const at = Object.fromEntries(dated.map((r) => [r.subject, r.sent_at?.toISOString() ?? null]));
		expect(at).toEqual({
			a: null,
			b: null,
			c: null,
			d: '2025-12-31T00:00:00.000Z',
			e: '2025-12-31T00:00:00.000Z',
			f: null,
			g: null,
			h: '2025-12-31T10:00:00.000Z',
			y: null,
			y1: null,
		});
		const warning = (subject: string) =>
			dated.find((r) => r.subject === subject)!.metadata.warnings!.join();
		expect(warning('c')).toMatch(/"2026-02-30" is not a valid date .*stored undated/);
		expect(warning('f')).toMatch(/ambiguous .*Date Order/);
		expect(warning('y1')).toMatch(/outside 1971/);

		// Told the order, the ambiguous one is read.
		const dmy = await ingestMessages(
			store.engine,
			brand(),
			files([{ fileName: 'dmy.csv', content: csv('subject,body,date\nz,y,03/04/2025\n') }], {
				dates: { order: 'dmy' },
			}),
		);
		expect(dmy.inserted).toBe(1);
		const [z] = await rows<{ sent_at: Date }>(
			`select sent_at from emails where campaign_id = $1 and subject = 'z'`,
		);
		expect(z.sent_at.toISOString()).toBe('2025-04-03T00:00:00.000Z');
	});

	it('stores the same message once whatever file or format brought it; a different message reusing its id is kept and flagged', async () => {
		const messages = [goodMessage(1), goodMessage(2), goodMessage(3)];
		const eml1 = await ingestMessages(
			store.engine,
			brand(),
			files([{ fileName: 'one.eml', content: messages[0] }]),
		);
		expect(eml1.inserted).toBe(1);
		const box = await ingestMessages(
			store.engine,
			brand(),
			files([{ fileName: 'all.mbox', content: mbox(messages) }]),
		);
		expect(box).toMatchObject({ inserted: 2, duplicates: 1, reusedMessageIds: 0 });
		const impostor = eml([
			'From: someone@else.example',
			'Subject: Totally different',
			'Message-ID: <good-2@northwind.example.com>',
			'Date: Wed, 04 Mar 2026 10:00:00 +0000',
			'',
			'Other words entirely.',
		]);
		const reused = await ingestMessages(
			store.engine,
			brand(),
			files([{ fileName: 'x.eml', content: impostor }]),
		);
		expect(reused).toMatchObject({ inserted: 1, duplicates: 0, reusedMessageIds: 1 });
		const again = await ingestMessages(
			store.engine,
			brand(),
			files([{ fileName: 'x.eml', content: impostor }]),
		);
		expect(again).toMatchObject({ inserted: 0, duplicates: 1 });
		const flagged = await rows<{
			provider_message_id: string;
			metadata: { reusedMessageId: string; warnings: string[] };
		}>(
			`select provider_message_id, metadata from emails where campaign_id = $1 and subject = 'Totally different'`,
		);
		expect(flagged[0].provider_message_id).toMatch(/^good-2@northwind\.example\.com#[0-9a-f]{16}$/);
		expect(flagged[0].metadata.reusedMessageId).toBe('good-2@northwind.example.com');
		expect(flagged[0].metadata.warnings.join()).toMatch(/same Message-ID|this Message-ID/);
		// The CSV export of a stored message (same id, same words) is a duplicate too.
		const exported = await ingestMessages(
			store.engine,
			brand(),
			files([
				{
					fileName: 'crm.csv',
					content: csv(
						'id,from,to,subject,body,sent at\n' +
							'<good-3@northwind.example.com>,Dana Reyes <dana@northwind.example.com>,prospect3@example.org,Quick idea 3,"Hi there, message 3. Worth a short call next week?",2026-03-02T12:00:00Z\n',
					),
				},
			]),
		);
		expect(exported).toMatchObject({ inserted: 0, duplicates: 1 });
	});

	it('decodes charsets: Windows-1252 bodies, characters split across encoded words, UTF-7, Latin-1 CSV with a warning', async () => {
		const cp1252 = Buffer.concat([
			Buffer.from(
				'From: a@b.io\r\nSubject: euro\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\nPrice ',
			),
			Buffer.from([0x80]),
			Buffer.from(' 5\r\n'),
		]);
		const split = eml(['From: a@b.io', 'Subject: =?UTF-8?B?4oI=?= =?UTF-8?B?rA==?= sign', '', 'x']);
		const utf7 = eml([
			'From: a@b.io',
			'Subject: =?UTF-7?Q?Caf+AOk-?=',
			'Content-Type: text/plain; charset=utf-7',
			'',
			'Caf+AOk- ole',
		]);
		const latin1 = csv('subject,body\nGr\u00fc\u00dfe,Sch\u00f6n\n', 'latin1');
		const log = await ingestMessages(
			store.engine,
			brand(),
			files([
				{ fileName: 'cp1252.eml', content: cp1252 },
				{ fileName: 'split.eml', content: split },
				{ fileName: 'utf7.eml', content: utf7 },
				{ fileName: 'latin1.csv', content: latin1 },
			]),
		);
		expect(log).toMatchObject({ inserted: 4, errorCount: 0 });
		const got = await rows<{
			subject: string;
			body_text: string;
			metadata: { warnings?: string[] };
		}>(`select subject, body_text, metadata from emails where campaign_id = $1 order by id`);
		expect(got.map((r) => [r.subject, r.body_text])).toEqual([
			['euro', 'Price € 5'],
			['€ sign', 'x'],
			['Café', 'Café ole'],
			['Grüße', 'Schön'],
		]);
		expect(got[3].metadata.warnings).toEqual([
			expect.stringMatching(/not valid UTF-8; read as Windows-1252/),
			'no sent-at',
		]);
	});

	it('names the field of a wrong type, reads ";" CSVs, skips only the row of an unclosed quote, and keeps unescaped "From " lines as body', async () => {
		const json = JSON.stringify([
			{ subject: { text: 'nested' }, body: 'x' },
			{ from: 12345, subject: 'numeric from', body: 'x' },
			{ to: { address: 'a@b.io' }, subject: 'object to', body: 'x' },
			{ subject: 'fine', body: 'x' },
		]);
		const semicolons = csv(
			'subject;body;sent at\nsemi 1;x;2026-03-02T10:00:00Z\nsemi 2;y;2026-03-03T10:00:00Z\n',
		);
		const unclosed = csv('subject,body\nrow 1,ok\nrow 2,"broken\nrow 3,ok\nrow 4,ok\n');
		const withFromLines = mbox(
			[1, 2, 3, 4, 5].map((n) =>
				eml([
					`From: a${n}@b.io`,
					`Subject: from-line ${n}`,
					`Message-ID: <fl-${n}@b.io>`,
					'',
					'Intro.',
					'',
					`From here on, point ${n}.`,
					'More.',
				]),
			),
		)
			.toString('latin1')
			// A writer that does not escape: the body's "From " lines go in as they are.
			.replace(/^>From here/gm, 'From here');
		const log = await ingestMessages(
			store.engine,
			brand(),
			files([
				{ fileName: 'export.json', content: Buffer.from(json) },
				{ fileName: 'semi.csv', content: semicolons },
				{ fileName: 'unclosed.csv', content: unclosed },
				{ fileName: 'plain.mbox', content: Buffer.from(withFromLines, 'latin1') },
			]),
		);
		expectCountsAddUp(log);
		expect(log.errors).toEqual([
			{
				origin: 'export.json, entry 0',
				message: 'field "subject" must be text, but holds an object',
			},
			{
				origin: 'export.json, entry 1',
				message:
					'field "from" must be text such as "Dana Reyes <dana@x.io>", but holds a number (12345)',
			},
			{
				origin: 'export.json, entry 2',
				message: 'field "to" must be addresses as text or a list of texts, but holds an object',
			},
			{
				origin: 'unclosed.csv, line 3',
				message: expect.stringMatching(/quote opened in this row is never closed/),
			},
		]);
		const subjects = (
			await rows<{ subject: string }>(
				`select subject from emails where campaign_id = $1 order by subject`,
			)
		).map((r) => r.subject);
		expect(subjects).toEqual([
			'fine',
			'from-line 1',
			'from-line 2',
			'from-line 3',
			'from-line 4',
			'from-line 5',
			'row 1',
			'row 3',
			'row 4',
			'semi 1',
			'semi 2',
		]);
		const [body] = await rows<{ body_text: string }>(
			`select body_text from emails where campaign_id = $1 and subject = 'from-line 2'`,
		);
		expect(body.body_text).toContain('From here on, point 2.\nMore.');
	});

	it('survives the torture set: 0 aborts, 0 hangs, every good message stored, counts adding up', async () => {
		const items: IngestItem[] = [];
		HOSTILE.forEach((h, i) => {
			items.push({ kind: 'mime', provider: 'eml', origin: `good-${i}.eml`, raw: goodMessage(i) });
			items.push({ kind: 'mime', provider: 'eml', origin: h.name, raw: h.raw });
		});
		const log = await ingestMessages(store.engine, brand(), items, { batchSize: 7 });
		expectCountsAddUp(log);
		expect(log.errors.map((e) => e.origin).sort()).toEqual(
			HOSTILE.filter((h) => !h.stored)
				.map((h) => h.name)
				.sort(),
		);
		const good = await rows<{ n: number }>(
			`select count(*)::int as n from emails where campaign_id = $1 and subject like 'Quick idea %'`,
		);
		expect(good[0].n).toBe(HOSTILE.length);
		expect(log.inserted).toBe(HOSTILE.length + HOSTILE.filter((h) => h.stored).length);
	}, 120_000);

	it('retries a batch the database refuses message by message: only the refused one is an error', async () => {
		// A real refusal from the database, as a check constraint would give.
		await store.engine.db.query(
			`create or replace function refuse_poison() returns trigger language plpgsql as $$
			 begin
				if new.subject = 'poison' then raise exception 'poison refused' using errcode = '23514'; end if;
				return new;
			 end $$`,
		);
		await store.engine.db.query(
			`create trigger refuse_poison before insert on emails for each row execute function refuse_poison()`,
		);
		try {
			const messages = [
				goodMessage(1),
				eml(['From: p@b.io', 'Subject: poison', 'Message-ID: <poison@b.io>', '', 'x']),
				goodMessage(2),
			];
			const log = await ingestMessages(
				store.engine,
				brand(),
				messages.map((raw, i) => ({ kind: 'mime', provider: 'eml', origin: `m${i}.eml`, raw })),
			);
			expect(log).toMatchObject({ seen: 3, inserted: 2, errorCount: 1 });
			expect(log.errors).toEqual([
				{
					origin: 'm1.eml',
					messageId: 'poison@b.io',
					message: expect.stringMatching(
						/^not stored: the database refused it \(poison refused\); the other messages of its batch were stored$/,
					),
				},
			]);
		} finally {
			await store.engine.db.query('drop trigger refuse_poison on emails');
		}
	});

	it('keeps the other messages when the object store refuses one (a folder where its file goes)', async () => {
		// A message of its own: the earlier tests stored the plain ones' objects already.
		const blocked = goodMessage(7, ['X-Case: object store refusal']);
		const hash = sha256(blocked);
		// A real refusal from the file system: the object's path is taken by a folder.
		mkdirSync(join(store.engine.objects.target, 'raw', hash.slice(0, 2), `${hash}.eml`, 'x'), {
			recursive: true,
		});
		const log = await ingestMessages(
			store.engine,
			brand(),
			[goodMessage(6), blocked, goodMessage(8)].map((raw, i): IngestItem => ({
				kind: 'mime',
				provider: 'eml',
				origin: `o${i}.eml`,
				raw,
			})),
			{ parseWorkers: 0 },
		);
		expect(log).toMatchObject({ seen: 3, inserted: 2, errorCount: 1 });
		expect(log.errors).toEqual([
			{
				origin: 'o1.eml',
				messageId: 'good-7@northwind.example.com',
				message: expect.stringMatching(/^could not be kept in the object store: /),
			},
		]);
	});

	it('turns a message that overruns its parse time budget into an error; the rest is stored', async () => {
		const big = eml([
			'From: big@b.io',
			'Subject: big',
			'',
			...Array.from({ length: 1_200_000 }, (_, i) => `line ${i} of a very long body`),
		]);
		const items: IngestItem[] = [
			{ kind: 'mime', provider: 'eml', origin: 'big.eml', raw: big },
			...Array.from({ length: 5 }, (_, i): IngestItem => ({
				kind: 'mime',
				provider: 'eml',
				origin: `small-${i}.eml`,
				raw: goodMessage(i),
			})),
		];
		const log = await ingestMessages(store.engine, brand(), items, {
			messageBudgetMs: 250,
			parseWorkers: 1,
		});
		expectCountsAddUp(log);
		expect(log.errors).toEqual([
			{
				origin: 'big.eml',
				message: expect.stringMatching(/took more than 0.25 s to parse and was skipped/),
			},
		]);
		expect(log.inserted).toBe(5);
	}, 60_000);
});
