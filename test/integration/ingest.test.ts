import {
	createCampaign,
	fileMessages,
	getCampaignStatus,
	ingestMessages,
	type IngestItem,
} from '../../nodes/engine';
import { REPLIED_TO_SQL } from '../../nodes/engine/ingest/assignThreads';
import { eml, emptyBody, htmlOnly, latin1Subject, mbox, notMail, sequence } from '../fixtures/mail';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

async function* fromFiles(
	files: Array<{ fileName: string; content: Buffer }>,
): AsyncGenerator<IngestItem> {
	for (const file of files) yield* fileMessages(file);
}

describe.each(STORE_KINDS)('ingest on %s', (kind) => {
	let store: TestStore;
	let campaignId: string;
	beforeAll(async () => {
		store = await openTestStore(kind);
		campaignId = (
			await createCampaign(store.engine, {
				brand: { name: 'Northwind' },
				competitors: [{ name: 'Globex' }, { name: 'Initech' }],
			})
		).id;
	});
	afterAll(() => store.dispose());

	it('stores an mbox of a three-touch sequence with positions and gaps, raw kept', async () => {
		const log = await ingestMessages(
			store.engine,
			{ campaignId, source: 'brand' },
			fileMessages({ fileName: 'sent.mbox', content: mbox(sequence) }),
		);
		expect(log).toMatchObject({ seen: 3, inserted: 3, duplicates: 0, errors: [], errorCount: 0 });
		const { rows } = await store.engine.db.query<{
			provider_message_id: string;
			thread_id: string;
			thread_position: number;
			gap_from_previous_s: number | null;
			raw_key: string;
			body_text: string;
		}>(
			`select provider_message_id, thread_id, thread_position, gap_from_previous_s, raw_key, body_text
			 from emails where campaign_id = $1 order by sent_at`,
			[campaignId],
		);
		expect(
			rows.map((r) => [r.provider_message_id, r.thread_position, r.gap_from_previous_s]),
		).toEqual([
			['seq-1@northwind.example.com', 1, null],
			['seq-2@northwind.example.com', 2, 3 * 86400 + 1800],
			['seq-3@northwind.example.com', 3, 4 * 86400 + 1800],
		]);
		// One thread: the reply by References, the header-less follow-up by subject and parties.
		expect(new Set(rows.map((r) => r.thread_id)).size).toBe(1);
		const raw = await store.engine.objects.get(rows[0].raw_key);
		expect(raw.equals(sequence[0])).toBe(true);
		expect(JSON.parse((await store.engine.objects.get(log.logKey!)).toString())).toMatchObject({
			inserted: 3,
		});
	});

	it('adds nothing when the same mail comes again, from another file or format', async () => {
		const again = await ingestMessages(
			store.engine,
			{ campaignId, source: 'brand' },
			fileMessages({ fileName: 'sent.mbox', content: mbox(sequence) }),
		);
		expect(again).toMatchObject({ seen: 3, inserted: 0, duplicates: 3, threadsUpdated: 0 });
	});

	it('counts a message that comes twice in one file once as new, once as a duplicate', async () => {
		const campaign = await createCampaign(store.engine, { brand: { name: 'Northwind' } });
		const log = await ingestMessages(
			store.engine,
			{ campaignId: campaign.id, source: 'brand' },
			fileMessages({ fileName: 'sent.mbox', content: mbox([sequence[0], sequence[0]]) }),
		);
		expect(log).toMatchObject({ seen: 2, inserted: 1, duplicates: 1, errorCount: 0 });
		const { rows } = await store.engine.db.query<{ n: number }>(
			'select count(*)::int as n from emails where campaign_id = $1',
			[campaign.id],
		);
		expect(rows[0].n).toBe(1);
	});

	it('completes the thread positions a run that died before its last step left unset', async () => {
		await store.engine.db.query(
			'update emails set thread_position = null, gap_from_previous_s = null where campaign_id = $1',
			[campaignId],
		);
		const rerun = await ingestMessages(
			store.engine,
			{ campaignId, source: 'brand' },
			fileMessages({ fileName: 'sent.mbox', content: mbox(sequence) }),
		);
		expect(rerun).toMatchObject({ inserted: 0, duplicates: 3, threadsUpdated: 3 });
		const { rows } = await store.engine.db.query<{ thread_position: number }>(
			'select thread_position from emails where campaign_id = $1 order by sent_at',
			[campaignId],
		);
		expect(rows.map((r) => r.thread_position)).toEqual([1, 2, 3]);
	});

	it('puts positions right when older mail comes after newer, in one run or the next', async () => {
		const ordered = async (files: Buffer[][]) => {
			const campaign = await createCampaign(store.engine, { brand: { name: 'Northwind' } });
			for (const messages of files) {
				await ingestMessages(
					store.engine,
					{ campaignId: campaign.id, source: 'brand' },
					fileMessages({ fileName: 'sent.mbox', content: mbox(messages) }),
				);
			}
			const { rows } = await store.engine.db.query<{
				thread_position: number;
				gap_from_previous_s: number | null;
			}>(
				`select thread_position, gap_from_previous_s from emails where campaign_id = $1
				 order by sent_at`,
				[campaign.id],
			);
			return rows.map((r) => [r.thread_position, r.gap_from_previous_s]);
		};
		const expected = [
			[1, null],
			[2, 3 * 86400 + 1800],
			[3, 4 * 86400 + 1800],
		];
		expect(await ordered([[...sequence].reverse()])).toEqual(expected);
		expect(await ordered([[sequence[2]], [sequence[0], sequence[1]]])).toEqual(expected);
		expect(await ordered([[sequence[1]], [sequence[2]], [sequence[0]]])).toEqual(expected);
	});

	it('finds the messages a batch replies to by index probes, however stale the statistics', async () => {
		// As in a large ingest: many rows arrived since the table was last analyzed, so the planner
		// still thinks a campaign holds a handful of them. Each Message-ID must still be an index
		// probe, not a filter or a hash over every row of the campaign.
		const large = await createCampaign(store.engine, { brand: { name: 'Northwind' } });
		await store.engine.db.query(
			`insert into emails (campaign_id, source, provider, provider_message_id, thread_id)
			 select $1, 'brand', 'mbox', 'm' || g || '@northwind.example.com', 't' || (g / 3)
			 from generate_series(1, 20000) g`,
			[large.id],
		);
		const ids = Array.from({ length: 200 }, (_, i) => `m${i * 97}@northwind.example.com`);
		const { rows } = await store.engine.db.query<{ 'QUERY PLAN': unknown }>(
			`explain (analyze, format json) ${REPLIED_TO_SQL}`,
			[large.id, ids],
		);
		const plan = JSON.stringify(rows[0]['QUERY PLAN']);
		expect(plan).toMatch(/"Index Cond":"[^"]*provider_message_id = /);
		expect(plan).not.toMatch(/"Filter":"[^"]*provider_message_id/);
		expect(plan).not.toMatch(/Hash Join|Bitmap|Seq Scan on emails/);
		const found = await store.engine.db.query(REPLIED_TO_SQL, [large.id, ids]);
		expect(found.rows).toHaveLength(199); // m0 does not exist
	});

	it('stores the good messages of a bad batch and says what failed where', async () => {
		const csv = Buffer.from(
			'from,to,subject,body,sent at\n' +
				'ops@initech.example.io,lee@p.example.org,Idea,Short note,2026-03-04T10:00:00Z\n' +
				'ops@initech.example.io,lee@p.example.org,Idea 2,Another,not-a-date\n',
		);
		const log = await ingestMessages(
			store.engine,
			{ campaignId, source: 'competitor', competitor: 'initech' },
			fromFiles([
				{ fileName: 'a.eml', content: htmlOnly },
				{ fileName: 'shopping.eml', content: notMail },
				{ fileName: 'empty.eml', content: emptyBody },
				{ fileName: 'koeln.eml', content: latin1Subject },
				{ fileName: 'crm.csv', content: csv },
				{ fileName: 'notes.txt', content: Buffer.from('hello') },
				{ fileName: 'nothing.eml', content: Buffer.alloc(0) },
			]),
			{ batchSize: 2 },
		);
		// A date that cannot be read costs the date, not the message: stored undated, warned.
		expect(log).toMatchObject({
			competitor: 'Initech',
			seen: 8,
			inserted: 5,
			duplicates: 0,
			errorCount: 3,
		});
		expect(log.errors).toEqual([
			{
				origin: 'shopping.eml',
				message: 'not an email: no From, Date, Subject or Message-ID header',
			},
			{
				origin: 'notes.txt',
				message: expect.stringMatching(/^cannot tell the format of "notes.txt"/),
			},
			{ origin: 'nothing.eml', message: 'empty file: no message in it' },
		]);
		const status = await getCampaignStatus(store.engine, campaignId);
		expect(status.emails).toEqual({ brand: 3, competitor: 5, byCompetitor: { Initech: 5 } });
		const { rows } = await store.engine.db.query<{ subject: string; body_html_key: string | null }>(
			`select subject, body_html_key from emails where campaign_id = $1 and source = 'competitor' order by subject`,
			[campaignId],
		);
		expect(rows.map((r) => r.subject)).toEqual([
			'(no body)',
			'Grüße aus Köln',
			'Idea',
			'Idea 2',
			'Quick idea',
		]);
		const undated = await store.engine.db.query<{
			sent_at: Date | null;
			metadata: { warnings: string[] };
		}>(`select sent_at, metadata from emails where campaign_id = $1 and subject = 'Idea 2'`, [
			campaignId,
		]);
		expect(undated.rows[0].sent_at).toBeNull();
		expect(undated.rows[0].metadata.warnings).toEqual([
			expect.stringMatching(/^date "not-a-date" is not in a known date format .*; stored undated$/),
		]);
		const html = rows.find((r) => r.subject === 'Quick idea')!.body_html_key!;
		expect((await store.engine.objects.get(html)).toString()).toContain('15-minute demo');
	});

	it('drops NUL characters, which PostgreSQL cannot store, instead of failing the batch', async () => {
		const raw = eml([
			'From: a\u0000b <nul@globex.example.de>',
			'Subject: Hello\u0000 there',
			'Date: Wed, 04 Mar 2026 15:00:00 +0000',
			'',
			'Body\u0000 text \\u0000 literal',
		]);
		const log = await ingestMessages(
			store.engine,
			{ campaignId, source: 'competitor', competitor: 'Globex' },
			[{ kind: 'mime', provider: 'eml', origin: 'nul.eml', raw }],
		);
		expect(log).toMatchObject({ inserted: 1, errorCount: 0 });
		const { rows } = await store.engine.db.query<{ subject: string; body_text: string }>(
			`select subject, body_text from emails where campaign_id = $1 and competitor = 'Globex'`,
			[campaignId],
		);
		expect(rows).toEqual([{ subject: 'Hello there', body_text: 'Body text \\u0000 literal' }]);
	});

	it('stores a message with a 30 MB attachment, raw kept whole, attachment listed', async () => {
		const attachment = Buffer.alloc(30 * 1024 * 1024, 7)
			.toString('base64')
			.replace(/.{76}/g, '$&\r\n');
		const raw = eml([
			'From: big@globex.example.de',
			'To: p@prospect.example.org',
			'Subject: Our deck',
			'Date: Thu, 05 Mar 2026 15:00:00 +0000',
			'Message-ID: <big@globex.example.de>',
			'Content-Type: multipart/mixed; boundary="b"',
			'',
			'--b',
			'Content-Type: text/plain',
			'',
			'Deck attached.',
			'--b',
			'Content-Type: application/pdf; name="deck.pdf"',
			'Content-Disposition: attachment; filename="deck.pdf"',
			'Content-Transfer-Encoding: base64',
			'',
			attachment,
			'--b--',
		]);
		const log = await ingestMessages(
			store.engine,
			{ campaignId, source: 'competitor', competitor: 'Globex' },
			[{ kind: 'mime', provider: 'eml', origin: 'deck.eml', raw }],
		);
		expect(log).toMatchObject({ inserted: 1, errorCount: 0 });
		const { rows } = await store.engine.db.query<{
			body_text: string;
			metadata: { attachments: unknown[] };
			raw_key: string;
		}>(
			`select body_text, metadata, raw_key from emails where provider_message_id = 'big@globex.example.de'`,
		);
		expect(rows[0].body_text).toBe('Deck attached.');
		expect(rows[0].metadata.attachments).toEqual([
			{ filename: 'deck.pdf', mimeType: 'application/pdf', bytes: 30 * 1024 * 1024 },
		]);
		expect((await store.engine.objects.get(rows[0].raw_key)).length).toBe(raw.length);
	});

	it('refuses a competitor the campaign does not have, and an unknown campaign, storing nothing', async () => {
		await expect(
			ingestMessages(store.engine, { campaignId, source: 'competitor', competitor: 'Hooli' }, [
				{ kind: 'mime', provider: 'eml', origin: 'x.eml', raw: eml(['Subject: x', '', 'y']) },
			]),
		).rejects.toMatchObject({
			message: `"Hooli" is not a competitor of campaign ${campaignId}`,
			description: 'Its competitors are: Globex, Initech.',
		});
		await expect(
			ingestMessages(
				store.engine,
				{ campaignId: '00000000-0000-4000-8000-000000000000', source: 'brand' },
				[],
			),
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect((await getCampaignStatus(store.engine, campaignId)).emails.competitor).toBe(7);
	});
});
