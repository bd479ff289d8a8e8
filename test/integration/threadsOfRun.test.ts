import { createCampaign, fileMessages, ingestMessages } from '../../nodes/engine';
import type { Queryable } from '../../nodes/engine/store/Db';
import { eml, mbox } from '../fixtures/mail';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

/** A message of its own subject, replying to `parent` when given. */
const message = (id: string, subject: string, day: number, parent?: string) =>
	eml([
		'From: Dana Reyes <dana@northwind.example.com>',
		'To: sam@prospect.example.org',
		`Subject: ${subject}`,
		`Date: Mon, 0${day} Mar 2026 09:00:00 +0000`,
		`Message-ID: <${id}@northwind.example.com>`,
		...(parent
			? [
					`In-Reply-To: <${parent}@northwind.example.com>`,
					`References: <${parent}@northwind.example.com>`,
				]
			: []),
		'Content-Type: text/plain; charset=utf-8',
		'',
		`Text of ${id}.`,
	]);

/** a, b replying to a, c replying to b: each of its own subject. */
const sequence = () =>
	mbox([
		message('a', 'First idea', 2),
		message('b', 'Another angle', 3, 'a'),
		message('c', 'Last note', 4, 'b'),
	]);

describe.each(STORE_KINDS)('threads of the messages a run stored itself, on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.dispose());

	/** Counts the lookups of replied-to messages in the store while `run` goes. */
	async function lookups<T>(run: () => Promise<T>): Promise<{ result: T; lookups: number }> {
		const db = store.engine.db as Queryable;
		const query = db.query.bind(db);
		let count = 0;
		db.query = ((sql: string, ...rest: unknown[]) => {
			if (sql.includes('wanted.id as provider_message_id')) count++;
			return (query as (...args: unknown[]) => unknown)(sql, ...rest);
		}) as Queryable['query'];
		try {
			return { result: await run(), lookups: count };
		} finally {
			db.query = query;
		}
	}

	const threads = async (campaignId: string) =>
		Object.fromEntries(
			(
				await store.engine.db.query<{ provider_message_id: string; thread_id: string }>(
					'select provider_message_id, thread_id from emails where campaign_id = $1',
					[campaignId],
				)
			).rows.map((r) => [r.provider_message_id.split('@')[0], r.thread_id]),
		);

	it('threads a reply to an earlier batch of the same run without asking the store', async () => {
		const { id } = await createCampaign(store.engine, { brand: { name: 'Northwind' } });
		const { result: log, lookups: asked } = await lookups(() =>
			ingestMessages(
				store.engine,
				{ campaignId: id, source: 'brand' },
				fileMessages({ fileName: 'sent.mbox', content: sequence() }),
				{ batchSize: 1 },
			),
		);
		expect(log.inserted).toBe(3);
		expect(asked).toBe(0);
		const t = await threads(id);
		expect(t.b).toBe(t.a);
		expect(t.c).toBe(t.a);
	});

	it('takes the stored thread of a message the run found already stored', async () => {
		const { id } = await createCampaign(store.engine, { brand: { name: 'Northwind' } });
		const target = { campaignId: id, source: 'brand' } as const;
		// First b alone: its parent is unknown, so it starts a thread of its own subject.
		await ingestMessages(
			store.engine,
			target,
			fileMessages({ fileName: 'b.eml', content: message('b', 'Another angle', 3, 'a') }),
		);
		const before = await threads(id);
		// Then the whole sequence: this run would put b in a's thread, but b is stored already (a
		// duplicate), so c, its reply, must join the thread b has in the store.
		const { result: log, lookups: asked } = await lookups(() =>
			ingestMessages(
				store.engine,
				target,
				fileMessages({ fileName: 'sent.mbox', content: sequence() }),
				{ batchSize: 1 },
			),
		);
		expect(log).toMatchObject({ inserted: 2, duplicates: 1 });
		expect(asked).toBe(1);
		const after = await threads(id);
		expect(after.b).toBe(before.b);
		expect(after.c).toBe(before.b);
		expect(after.a).not.toBe(before.b);
	});
});
