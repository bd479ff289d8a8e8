import {
	createCampaign,
	graphWithToken,
	ingestMessages,
	outlookMessages,
} from '../../nodes/engine';
import { sequence } from '../fixtures/mail';
import { type GraphServer, startGraphServer } from '../helpers/graphServer';
import { openTestStore, type TestStore } from '../helpers/stores';

describe('Outlook ingestion against a loopback Microsoft Graph server', () => {
	let graph: GraphServer;
	let store: TestStore;
	let campaignId: string;

	beforeAll(async () => {
		graph = await startGraphServer(
			{
				sentitems: sequence.map((raw, i) => ({
					id: `AAMk-${i}`,
					conversationId: 'conv-1',
					raw,
					received: new Date(Date.UTC(2026, 2, 2 + 3 * i)),
					from: i === 0 ? 'ana@northwind.example' : 'ben@northwind.example',
				})),
			},
			{ throttleOnce: true, maxPageSize: 2, sharedMailboxes: ['sales@northwind.example'] },
		);
		store = await openTestStore('postgres');
		campaignId = (await createCampaign(store.engine, { brand: { name: 'Northwind' } })).id;
	});
	afterAll(async () => {
		await graph?.stop();
		await store?.dispose();
	});

	it('follows @odata.nextLink, waits out a 429, stores MIME content threaded by conversation', async () => {
		const items = outlookMessages({
			get: graphWithToken(graph.token),
			folder: 'sentitems',
			baseUrl: graph.baseUrl,
		});
		const log = await ingestMessages(store.engine, { campaignId, source: 'brand' }, items, {});
		expect(log).toMatchObject({ seen: 3, inserted: 3, errorCount: 0 });
		// One 429 answered, then two pages of two and one (the second reached through nextLink).
		const lists = graph.requests.filter((r) => r.includes('/mailFolders/'));
		expect(lists).toHaveLength(3);
		expect(lists[2]).toContain('$skip=2');
		const { rows } = await store.engine.db.query<{ thread_id: string; thread_position: number }>(
			'select thread_id, thread_position from emails where campaign_id = $1 order by sent_at',
			[campaignId],
		);
		expect(rows).toEqual([
			{ thread_id: 'outlook:conv-1', thread_position: 1 },
			{ thread_id: 'outlook:conv-1', thread_position: 2 },
			{ thread_id: 'outlook:conv-1', thread_position: 3 },
		]);
	});

	it('applies since and limit', async () => {
		const since = [];
		for await (const item of outlookMessages({
			get: graphWithToken(graph.token),
			folder: 'sentitems',
			baseUrl: graph.baseUrl,
			since: new Date('2026-03-04T00:00:00Z'),
		}))
			since.push(item.origin);
		expect(since).toEqual(['Outlook message AAMk-2', 'Outlook message AAMk-1']);
		const limited = [];
		for await (const item of outlookMessages({
			get: graphWithToken(graph.token),
			folder: 'sentitems',
			baseUrl: graph.baseUrl,
			limit: 1,
		}))
			limited.push(item.origin);
		expect(limited).toEqual(['Outlook message AAMk-2']);
	});

	it('ANDs an OData filter after the date bound and names a filter Graph rejects', async () => {
		const origins = [];
		for await (const item of outlookMessages({
			get: graphWithToken(graph.token),
			folder: 'sentitems',
			baseUrl: graph.baseUrl,
			filter: "from/emailAddress/address eq 'ana@northwind.example'",
		}))
			origins.push(item.origin);
		expect(origins).toEqual(['Outlook message AAMk-0']);
		expect(graph.requests.at(-2)).toContain(
			"$filter=receivedDateTime ge 1970-01-01T00:00:00.000Z and (from/emailAddress/address eq 'ana@northwind.example')",
		);
		await expect(
			outlookMessages({
				get: graphWithToken(graph.token),
				folder: 'sentitems',
				baseUrl: graph.baseUrl,
				filter: 'subject has hello',
			}).next(),
		).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			message:
				'Microsoft Graph rejected the filter "subject has hello": Invalid filter clause: subject has hello',
		});
	});

	it('reads a shared mailbox under /users/{upn} and names one that does not exist', async () => {
		const origins = [];
		for await (const item of outlookMessages({
			get: graphWithToken(graph.token),
			folder: 'sentitems',
			mailbox: 'sales@northwind.example',
			baseUrl: graph.baseUrl,
			limit: 1,
		}))
			origins.push(item.origin);
		expect(origins).toEqual(['Outlook message AAMk-2']);
		expect(graph.requests.at(-1)).toBe(
			'GET /v1.0/users/sales@northwind.example/messages/AAMk-2/$value',
		);
		await expect(
			outlookMessages({
				get: graphWithToken(graph.token),
				folder: 'sentitems',
				mailbox: 'nobody@northwind.example',
				baseUrl: graph.baseUrl,
			}).next(),
		).rejects.toMatchObject({
			message: 'The shared mailbox "nobody@northwind.example" was not found',
		});
	});

	it('names a missing folder and a refused token', async () => {
		await expect(
			outlookMessages({
				get: graphWithToken(graph.token),
				folder: 'Outbox 2',
				baseUrl: graph.baseUrl,
			}).next(),
		).rejects.toMatchObject({
			message: 'The Outlook folder "Outbox 2" was not found',
		});
		await expect(
			outlookMessages({
				get: graphWithToken('nope'),
				folder: 'sentitems',
				baseUrl: graph.baseUrl,
			}).next(),
		).rejects.toMatchObject({
			code: 'STORE_AUTH',
			message: 'Microsoft Graph refused the credential (HTTP 401): Access token is empty.',
		});
	});
});
