import { Client } from 'pg';

import { type Engine, openEngine, smtpProvider } from '../../nodes/engine';
import { claimDrafts } from '../../nodes/engine/send/claimDrafts';
import type { Db, Queryable, SqlParam } from '../../nodes/engine/store/Db';
import { approvedCampaign, sendToSink } from '../fixtures/approvedCampaign';
import { createTestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/tempDir';

const CLAIM = /^select d\.id, d\.prospect_id/;

/**
 * PostgreSQL compiles a statement (JIT) once its estimated cost passes jit_above_cost. The claim's
 * limit over filters it cannot size crossed the default from ~5,000 due drafts on, and each claim
 * then took ~90 ms of compiling for 2 ms of work. Here the database compiles everything it may
 * (jit_above_cost = 0): the send path's statements must still run uncompiled.
 */
describe('the send path is never JIT-compiled, on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let engine: Engine;
	const dir = tempDir();
	beforeAll(async () => {
		database = await createTestDatabase();
		const admin = new Client({ connectionString: database.url });
		await admin.connect();
		await admin.query(`alter database ${database.name} set jit = on`);
		await admin.query(`alter database ${database.name} set jit_above_cost = 0`);
		await admin.end();
		engine = await openEngine({
			database: database.config,
			objects: { kind: 'local', folder: dir.path },
		});
	});
	afterAll(async () => {
		await engine?.close();
		await database?.drop();
		dir.remove();
	});

	/** The claim's plan as PostgreSQL ran it, explained inside the claim's own transaction. */
	function explainingClaims(db: Db, plans: Array<Record<string, unknown>>): Db {
		const explaining = (tx: Queryable): Queryable => ({
			exec: (script) => tx.exec(script),
			async query<Row>(sql: string, params?: SqlParam[]) {
				if (CLAIM.test(sql)) {
					const { rows } = await tx.query<{ 'QUERY PLAN': Array<Record<string, unknown>> }>(
						`explain (analyze, format json) ${sql}`,
						params,
					);
					plans.push(rows[0]['QUERY PLAN'][0]);
				}
				return await tx.query<Row>(sql, params);
			},
		});
		return {
			...db,
			query: db.query.bind(db),
			exec: db.exec.bind(db),
			close: db.close.bind(db),
			transaction: (fn) => db.transaction((tx) => fn(explaining(tx))),
		};
	}

	it('the claim runs uncompiled where the same statement otherwise is', async () => {
		const { rows: available } = await engine.db.query<{ jit: boolean }>(
			'select pg_jit_available() as jit',
		);
		expect(available[0].jit).toBe(true);
		const campaignId = await approvedCampaign(engine, ['a@acme.example.net', 'b@acme.example.net']);
		const route = {
			mailbox: { address: 'dana@northwind.example.com' },
			provider: smtpProvider({ host: '127.0.0.1', port: 1 }),
		};
		const plans: Array<Record<string, unknown>> = [];
		const { claimed } = await claimDrafts(explainingClaims(engine.db, plans), campaignId, [route], {
			limit: 10,
			leaseSeconds: 60,
			workerId: 'jit-test/1',
		});
		expect(claimed).toHaveLength(2);
		expect(plans).toHaveLength(1);
		expect(plans[0].JIT).toBeUndefined();

		// The same statement in a transaction of its own settings: compiled, as the database says.
		const { rows } = await engine.db.transaction((tx) =>
			tx.query<{ 'QUERY PLAN': Array<Record<string, unknown>> }>(
				`explain (analyze, format json) select d.id from drafts d where d.campaign_id = $1
				order by d.due_at limit 10 for update of d skip locked`,
				[campaignId],
			),
		);
		expect(rows[0]['QUERY PLAN'][0].JIT).toMatchObject({ Functions: expect.any(Number) });
		await route.provider.close();
	});

	it('the named statements are never compiled; every other statement keeps the server setting', async () => {
		const named = await engine.db.query<{ jit: string }>('show jit', [], {
			name: 'sales-engine:test-jit',
		});
		expect(named.rows[0].jit).toBe('off');
		const plain = await engine.db.query<{ jit: string }>('show jit');
		expect(plain.rows[0].jit).toBe('on');

		// A whole run on this database sends every message.
		const campaignId = await approvedCampaign(engine, ['c@acme.example.net', 'd@acme.example.net']);
		const summary = await sendToSink(engine, campaignId);
		expect(summary.sent).toBe(2);
	});
});
