import { createCampaign, gmailMessages, ingestMessages } from '../../nodes/engine';
import { eml, sequence } from '../fixtures/mail';
import { type GmailServer, startGmailServer } from '../helpers/gmailServer';
import { openTestStore, type TestStore } from '../helpers/stores';

describe('Gmail ingestion against a loopback Gmail REST server', () => {
	let gmail: GmailServer;
	let store: TestStore;
	let campaignId: string;
	const undated = eml([
		'From: dana@northwind.example.com',
		'To: z@y.example.org',
		'Subject: No date',
		'',
		'Hi',
	]);

	beforeAll(async () => {
		gmail = await startGmailServer(
			[
				...sequence.map((raw, i) => ({
					id: `m${i}`,
					threadId: 'thread-A',
					raw,
					internalDate: new Date(Date.UTC(2026, 2, 2 + 3 * i)),
				})),
				{
					id: 'm3',
					threadId: 'thread-B',
					raw: undated,
					internalDate: new Date('2026-04-01T08:00:00Z'),
					labelIds: ['SENT', 'LABEL_X'],
				},
				{ id: 'gone', threadId: 'thread-C', raw: undated, internalDate: new Date() },
			],
			{ pageSize: 2, missing: ['gone'] },
		);
		store = await openTestStore('embedded');
		campaignId = (await createCampaign(store.engine, { brand: { name: 'Northwind' } })).id;
	});
	afterAll(async () => {
		await gmail?.stop();
		await store?.dispose();
	});

	it('pages through the list, stores raw messages with Gmail thread ids, reports a missing one', async () => {
		const log = await ingestMessages(
			store.engine,
			{ campaignId, source: 'brand' },
			gmailMessages({ accessToken: gmail.token, rootUrl: gmail.rootUrl, query: 'in:sent' }),
		);
		expect(log).toMatchObject({ seen: 5, inserted: 4, errorCount: 1 });
		expect(log.errors).toEqual([
			{
				origin: 'Gmail message gone',
				message: expect.stringMatching(/^Gmail API error \(HTTP 404\)/),
			},
		]);
		expect(gmail.requests.filter((r) => r.includes('/messages?'))).toHaveLength(3);
		const { rows } = await store.engine.db.query<{
			thread_id: string;
			thread_position: number;
			sent_at: Date;
			metadata: { gmail: { labelIds: string[] } };
		}>(
			'select thread_id, thread_position, sent_at, metadata from emails where campaign_id = $1 order by sent_at',
			[campaignId],
		);
		expect(rows.map((r) => [r.thread_id, r.thread_position])).toEqual([
			['gmail:thread-A', 1],
			['gmail:thread-A', 2],
			['gmail:thread-A', 3],
			['gmail:thread-B', 1],
		]);
		expect(rows[3].sent_at).toEqual(new Date('2026-04-01T08:00:00Z'));
		expect(rows[3].metadata.gmail.labelIds).toEqual(['SENT', 'LABEL_X']);
	});

	it('stops at the limit, and passes the search query', async () => {
		const items = [];
		for await (const item of gmailMessages({
			accessToken: gmail.token,
			rootUrl: gmail.rootUrl,
			limit: 3,
		}))
			items.push(item.origin);
		expect(items).toEqual(['Gmail message m0', 'Gmail message m1', 'Gmail message m2']);
		const labelled = [];
		for await (const item of gmailMessages({
			accessToken: gmail.token,
			rootUrl: gmail.rootUrl,
			query: 'label:label_x',
		}))
			labelled.push(item.origin);
		expect(labelled).toEqual(['Gmail message m3']);
	});

	it('says the credential was refused', async () => {
		await expect(
			gmailMessages({ accessToken: 'expired', rootUrl: gmail.rootUrl }).next(),
		).rejects.toMatchObject({
			code: 'STORE_AUTH',
			message: expect.stringMatching(/^Gmail refused the credential \(HTTP 401\)/),
		});
	});
});
