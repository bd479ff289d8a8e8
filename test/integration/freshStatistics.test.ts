import { createCampaign } from '../../nodes/engine';
import { analyzeAfterBulk } from '../../nodes/engine/store/analyzeAfterBulk';
import { freshStatistics } from '../../nodes/engine/store/freshStatistics';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

describe.each(STORE_KINDS)('statistics kept fresh during a run, on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.dispose());

	it('counts the rows and reads the columns the run looks up by, not the bodies', async () => {
		const { id } = await createCampaign(store.engine, { brand: { name: 'Northwind' } });
		const db = store.engine.db;
		// PostgreSQL's own autovacuum would analyze every column meanwhile, whatever the run does.
		await db.query('alter table emails set (autovacuum_enabled = false)');
		const statistics = await freshStatistics(db, 'emails', id);
		await db.query(
			`insert into emails (campaign_id, source, provider, provider_message_id, thread_id,
				from_address, subject, body_text)
			 select $1, 'brand', 'mbox', 'm' || g, 't' || (g / 3), 'rep@northwind.example.com',
				'Subject ' || g, repeat('body ', 40) || g
			 from generate_series(1, 3000) g`,
			[id],
		);
		await statistics(3000);
		const { rows: counted } = await db.query<{ reltuples: number }>(
			`select reltuples::float8 as reltuples from pg_class where relname = 'emails'`,
		);
		expect(Number(counted[0].reltuples)).toBeGreaterThanOrEqual(3000);
		const { rows } = await db.query<{ attname: string }>(
			`select attname from pg_stats where tablename = 'emails'`,
		);
		const columns = rows.map((r) => r.attname);
		expect(columns).toEqual(
			expect.arrayContaining(['campaign_id', 'provider_message_id', 'thread_id', 'from_address']),
		);
		expect(columns).not.toContain('body_text');
		expect(columns).not.toContain('subject');
	});

	it('after a bulk run, reads every column statements select emails by, and no text', async () => {
		const { id } = await createCampaign(store.engine, { brand: { name: 'Contoso' } });
		const db = store.engine.db;
		await db.query('alter table emails set (autovacuum_enabled = false)');
		await db.query(
			`insert into emails (campaign_id, source, provider, provider_message_id, thread_id,
				thread_position, from_address, subject, body_text, sent_at, metadata, content_hash)
			 select $1, 'brand', 'mbox', 'k' || g, 't' || (g / 3), g % 3 + 1, 'rep@contoso.example.com',
				'Subject ' || g, repeat('body ', 40) || g, now() - g * interval '1 hour',
				jsonb_build_object('n', g), md5(g::text)
			 from generate_series(1, 1500) g`,
			[id],
		);
		// Under the bulk threshold nothing is read; past it, the keyed columns.
		await analyzeAfterBulk(db, 'emails', 999);
		const statsOf = async () =>
			(
				await db.query<{ attname: string }>(
					`select attname from pg_stats where tablename = 'emails'`,
				)
			).rows.map((r) => r.attname);
		expect(await statsOf()).not.toContain('thread_position');
		await analyzeAfterBulk(db, 'emails', 1500);
		const columns = await statsOf();
		expect(columns).toEqual(
			expect.arrayContaining(['id', 'campaign_id', 'thread_id', 'thread_position', 'sent_at']),
		);
		expect(columns).toEqual(expect.arrayContaining(['content_hash', 'created_at']));
		for (const text of ['body_text', 'subject', 'metadata', 'quoted_text', 'to_addresses'])
			expect(columns).not.toContain(text);
	});
});
