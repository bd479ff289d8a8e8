import { Client } from 'pg';

import { type Engine, openEngine } from '../../nodes/engine';
import type { Db, Queryable, QueryOptions, SqlParam } from '../../nodes/engine/store/Db';
import { SESSION_SETTINGS } from '../../nodes/engine/store/PostgresDb';
import { approvedCampaign, sendToSink } from '../fixtures/approvedCampaign';
import { createTestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/tempDir';

interface Statement {
	sql: string;
	params: SqlParam[];
	/** The statements of its transaction before it (the claim's planner settings). */
	before: string[];
}

interface PlanNode {
	'Node Type': string;
	'Relation Name'?: string;
	'Index Cond'?: string;
	Plans?: PlanNode[];
}

const BY_KEY = ['send_attempts', 'drafts', 'prospects', 'suppressions'];
const CLAIM_INSERT = /^insert into send_attempts/;

/** Every node of a plan, depth first. */
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** What reads a table the send path must read by key: how, and on what condition. */
const reads = (plan: PlanNode) =>
	nodesOf(plan)
		.filter((n) => BY_KEY.includes(n['Relation Name'] ?? ''))
		.map((n) => ({ table: n['Relation Name'], how: n['Node Type'], on: n['Index Cond'] ?? '' }));

/**
 * The send path's per-message statements (the named hand-over and "sent" record) are planned once
 * per connection, when a campaign may still have few attempts: then they read every attempt of the
 * table for each batch (4 ms a statement at 11,500 attempts, growing with the campaign). Neither
 * PGlite nor a busy run gets an autovacuum ANALYZE in time, so the run analyzes as it grows, and
 * PostgreSQL plans the statements again. The claim's insert is planned on every call and must
 * probe each attempt's (prospect, step) rather than hash the campaign's attempts.
 */
describe('the send path reads by key as its campaign grows, on PostgreSQL', () => {
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let engine: Engine;
	let opened: Engine;
	const dir = tempDir();
	const seen = new Map<string, Statement>();

	/** The engine's store, noting the named statements and the claim's insert as they run. */
	function noting(db: Db): Db {
		const note = (
			sql: string,
			params: SqlParam[] = [],
			options?: QueryOptions,
			before: string[] = [],
		) => {
			if (options?.name) seen.set(options.name, { sql, params, before });
			else if (CLAIM_INSERT.test(sql)) seen.set('claim', { sql, params, before });
		};
		return {
			...db,
			exec: db.exec.bind(db),
			close: db.close.bind(db),
			async query(sql, params, options) {
				note(sql, params, options);
				return await db.query(sql, params, options);
			},
			transaction: (fn) =>
				db.transaction((tx) => {
					const before: string[] = [];
					const inner: Queryable = {
						exec: (script) => tx.exec(script),
						async query(sql, params, options) {
							if (/^select set_config/.test(sql)) before.push(sql);
							note(sql, params, options, [...before]);
							return await tx.query(sql, params, options);
						},
					};
					return fn(inner);
				}),
		} as Db;
	}

	async function send(prospects: number): Promise<void> {
		const emails = Array.from({ length: prospects }, (_, i) => `p${i}@acme${i % 50}.example.net`);
		const campaignId = await approvedCampaign(opened, emails);
		const summary = await sendToSink(engine, campaignId, 4);
		expect(summary.sent).toBe(prospects);
	}

	beforeAll(async () => {
		database = await createTestDatabase();
		opened = await openEngine({
			database: database.config,
			objects: { kind: 'local', folder: dir.path },
		});
		engine = { ...opened, db: noting(opened.db) };
		await send(2);
		// Statistics taken while the store was small (by autovacuum, or a settled store).
		await opened.db.query('analyze');
	});
	afterAll(async () => {
		await opened?.close();
		await database?.drop();
		dir.remove();
	});

	const client = async () => {
		const c = new Client({ connectionString: database.url });
		await c.connect();
		return c;
	};

	/** A statement's parameters as SQL literals (arrays of ids, JSON text, numbers). */
	const literals = (c: Client, params: SqlParam[]) =>
		params.map((p) => {
			if (p === null) return 'null';
			if (Array.isArray(p)) return c.escapeLiteral(`{${p.join(',')}}`);
			return typeof p === 'number' ? String(p) : c.escapeLiteral(String(p));
		});

	/** The plan a session holding `name` prepared (as the named sessions do) uses now. */
	const planNow = async (c: Client, name: string) => {
		const { params } = seen.get(name)!;
		const { rows } = await c.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
			`explain (format json) execute "${name}"(${literals(c, params).join(', ')})`,
		);
		return rows[0]['QUERY PLAN'][0].Plan;
	};
	const attemptReads = (plan: PlanNode) =>
		reads(plan).filter((r) => r.table === 'send_attempts' && r.how !== 'ModifyTable');

	it('the named statements, planned on few attempts, are planned again by key once the campaign has grown', async () => {
		const names = ['sales-engine:hand-over', 'sales-engine:mark-sent'];
		const session = await client();
		try {
			for (const setting of SESSION_SETTINGS) await session.query(setting);
			for (const name of names) await session.query(`prepare "${name}" as ${seen.get(name)!.sql}`);
			// What a session that planned them early holds: every attempt of the table read.
			for (const name of names)
				expect(attemptReads(await planNow(session, name))).toEqual([
					expect.objectContaining({ how: 'Seq Scan' }),
				]);

			await send(1500);

			for (const name of names) {
				const found = attemptReads(await planNow(session, name));
				expect(found.length).toBeGreaterThan(0);
				for (const read of found) expect(read.how).not.toBe('Seq Scan');
				for (const read of found) expect(read.on).toMatch(/\bid = /);
			}
		} finally {
			await session.end();
		}
	}, 120_000);

	it('a failed ANALYZE costs the plans, never the claim it follows', async () => {
		let refused = 0;
		const db = opened.db;
		const refusing: Db = {
			...db,
			exec: db.exec.bind(db),
			close: db.close.bind(db),
			transaction: db.transaction.bind(db),
			async query(sql, params, options) {
				if (/^analyze/.test(sql)) {
					refused++;
					throw new Error('canceling statement due to lock timeout');
				}
				return await db.query(sql, params, options);
			},
		};
		const emails = Array.from({ length: 1200 }, (_, i) => `a${i}@acme${i % 50}.example.net`);
		const campaignId = await approvedCampaign(opened, emails);
		const summary = await sendToSink({ ...opened, db: refusing }, campaignId, 4);
		expect(refused).toBeGreaterThan(0);
		expect(summary).toMatchObject({ sent: 1200, lost: 0, unknown: 0 });
	}, 120_000);

	it("the claim's insert probes each planned attempt's (prospect, step)", async () => {
		const statement = seen.get('claim')!;
		expect(statement.before.length).toBeGreaterThan(0);
		const session = await client();
		try {
			await session.query('begin');
			for (const sql of statement.before) await session.query(sql);
			const { rows } = await session.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
				`explain (format json) ${statement.sql}`,
				statement.params,
			);
			await session.query('rollback');
			const plan = rows[0]['QUERY PLAN'][0].Plan;
			const found = attemptReads(plan);
			expect(found.length).toBeGreaterThan(0);
			for (const read of found) expect(read.on).toMatch(/prospect_id = r\.prospect_id/);
			expect(nodesOf(plan).map((n) => n['Node Type'])).not.toContain('Hash');
		} finally {
			await session.end();
		}
	});
});
