import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

import { createCampaign, migrate } from '../../nodes/engine';
import type { Db } from '../../nodes/engine/store/Db';
import { EmbeddedDb } from '../../nodes/engine/store/EmbeddedDb';
import { initEmbeddedFolder } from '../../nodes/engine/store/initEmbeddedFolder';
import { MIGRATIONS } from '../../nodes/engine/store/migrations';
import { tempDir } from '../helpers/tempDir';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

describe.each(STORE_KINDS)('store on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.dispose());

	it('creates every table of the design', async () => {
		const { rows } = await store.engine.db.query<{ table_name: string }>(
			`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
		);
		const tables = rows.map((row) => row.table_name);
		expect(tables).toEqual(
			expect.arrayContaining([
				'blueprints',
				'campaign_events',
				'campaigns',
				'drafts',
				'email_features',
				'emails',
				'kill_switches',
				'prospects',
				'rate_buckets',
				'schema_migrations',
				'send_attempts',
				'suppressions',
			]),
		);
		expect(tables.includes('email_embeddings')).toBe(store.engine.schema.vector.usable);
	});

	it("renames the audit trail's dotted event names (migration 17), and leaves the rest", async () => {
		const { db } = store.engine;
		const campaign = await createCampaign(store.engine, { brand: { name: 'Old trail' } });
		const old = ['campaign.created', 'emails.ingested', 'features.extracted', 'drafts_generated'];
		const ids: string[] = [];
		for (const type of old) {
			const { rows } = await db.query<{ id: string }>(
				'insert into campaign_events (campaign_id, type) values ($1, $2) returning id',
				[campaign.id, type],
			);
			ids.push(rows[0].id);
		}
		await db.exec(MIGRATIONS.find((m) => m.name === 'event_names')!.sql);
		const { rows } = await db.query<{ type: string }>(
			'select type from campaign_events where id = any($1) order by id',
			[ids],
		);
		expect(rows.map((r) => r.type)).toEqual([
			'campaign_created',
			'emails_ingested',
			'features_extracted',
			'drafts_generated',
		]);
	});

	it('creates the indexes the seed asks for', async () => {
		const { rows } = await store.engine.db.query<{ indexname: string; indexdef: string }>(
			`select indexname, indexdef from pg_indexes where schemaname = 'public'`,
		);
		const defs = Object.fromEntries(rows.map((row) => [row.indexname, row.indexdef]));
		expect(defs.emails_metadata_gin).toMatch(/USING gin \(metadata jsonb_path_ops\)/);
		expect(defs.emails_source_campaign_idx).toMatch(/\(source, campaign_id\)/);
		expect(defs.emails_sent_at_idx).toMatch(/\(sent_at\)/);
		expect(defs.email_features_cta_type_idx).toMatch(/\(cta_type\)/);
		expect(defs.email_features_follow_up_idx).toMatch(/\(follow_up_index\)/);
		expect(defs.email_features_cadence_idx).toMatch(/\(cadence_bucket\)/);
		expect(defs.send_attempts_once).toMatch(/UNIQUE.*WHERE/);
		if (store.engine.schema.vector.usable) {
			expect(defs.email_embeddings_hnsw_256).toMatch(/USING hnsw .*vector_cosine_ops/);
		}
	});

	it('answers a containment query on metadata from its GIN index', async () => {
		const db = store.engine.db;
		const { id } = await createCampaign(store.engine, { brand: { name: 'Northwind' } });
		await db.query(
			`insert into emails (campaign_id, source, provider, provider_message_id, metadata)
			 select $1, 'brand', 'mbox', 'm' || g,
				jsonb_build_object('mbox', jsonb_build_object('file', 'f' || (g % 50) || '.mbox'))
			 from generate_series(1, 2000) g`,
			[id],
		);
		const contains = `select count(*)::int as n from emails
			where metadata @> '{"mbox": {"file": "f7.mbox"}}'`;
		const { rows: counted } = await db.query<{ n: number }>(contains);
		expect(counted[0].n).toBe(40);
		await db.transaction(async (tx) => {
			await tx.query('set local enable_seqscan = off');
			const { rows: plan } = await tx.query<{ 'QUERY PLAN': string }>(`explain ${contains}`);
			expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('emails_metadata_gin');
		});
	});

	it('applies nothing the second time', async () => {
		const again = await migrate(store.engine.db);
		expect(again.applied).toEqual([]);
		const { rows } = await store.engine.db.query<{ id: number }>(
			'select id from schema_migrations order by id',
		);
		const expected = MIGRATIONS.filter((m) => !m.requires || store.engine.schema.vector.usable).map(
			(m) => m.id,
		);
		expect(rows.map((row) => row.id)).toEqual(expected);
	});

	it('returns the same JS values from both stores', async () => {
		const { rows } = await store.engine.db.query<{
			n: number;
			big: number | string;
			doc: unknown;
			at: Date;
			tags: string[];
		}>(
			`select count(*) as n, 9007199254740993::int8 as big, $1::jsonb as doc, now() as at, $2::text[] as tags
			 from schema_migrations`,
			[JSON.stringify({ a: [1, 'x'] }), ['p', 'q']],
		);
		expect(typeof rows[0].n).toBe('number');
		expect(rows[0].big).toBe('9007199254740993');
		expect(rows[0].doc).toEqual({ a: [1, 'x'] });
		expect(rows[0].at).toBeInstanceOf(Date);
		expect(rows[0].tags).toEqual(['p', 'q']);
	});

	it('rolls a failed transaction back whole', async () => {
		await expect(
			store.engine.db.transaction(async (tx) => {
				await tx.query(
					`insert into kill_switches (scope, target, engaged) values ('global', '', true)`,
				);
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		const { rows } = await store.engine.db.query('select * from kill_switches');
		expect(rows).toEqual([]);
	});

	it('keeps at most one live send attempt per (campaign, prospect, step) in the schema itself', async () => {
		const db = store.engine.db;
		const campaign = await db.query<{ id: string }>(
			`insert into campaigns (name, brand, sender) values ('c', '{"name":"b"}', '{}') returning id`,
		);
		const campaignId = campaign.rows[0].id;
		const prospect = await db.query<{ id: string }>(
			`insert into prospects (campaign_id, email, email_normalized) values ($1, 'a@b.co', 'a@b.co') returning id`,
			[campaignId],
		);
		const draft = await db.query<{ id: string }>(
			`insert into drafts (campaign_id, prospect_id, step, subject, body_text, writer, blueprint_version, content_hash)
			 values ($1, $2, 1, 's', 'b', 'deterministic', 1, 'h') returning id`,
			[campaignId, prospect.rows[0].id],
		);
		const attempt = (status: string) =>
			db.query(
				`insert into send_attempts (campaign_id, draft_id, prospect_id, step, mailbox, provider, message_id, status)
				 values ($1, $2, $3, 1, 'm', 'smtp', '<x@y>', $4)`,
				[campaignId, draft.rows[0].id, prospect.rows[0].id, status],
			);
		await attempt('deferred');
		await attempt('sending');
		await expect(attempt('sent')).rejects.toThrow(/send_attempts_once/);
	});

	it('reports pgvector the way the store has it', async () => {
		const { vector } = store.engine.schema;
		if (kind === 'embedded') {
			expect(vector.usable).toBe(true);
			expect(vector.version).toMatch(/^0\.8/);
			expect(() => store.engine.requireVector()).not.toThrow();
		} else if (!vector.usable) {
			// The machine's PostgreSQL has no pgvector package: the engine works, search says why.
			expect(store.engine.schema.waiting).toEqual(['2_vector_embeddings']);
			expect(() => store.engine.requireVector()).toThrow(
				/Semantic search is not available.*pgvector/,
			);
		}
	});
});

/** Resolves once `pid` has been reaped, i.e. this process has seen its exit (libuv reaps it). */
async function reaped(pid: number): Promise<void> {
	for (;;) {
		try {
			process.kill(pid, 0);
		} catch {
			return;
		}
		await new Promise((r) => setTimeout(r, 20));
	}
}

/**
 * Blocks this thread until `pid`, killed, has closed its files: every thread of it gone, its
 * channel's end released. Its exit cannot be seen meanwhile, as when n8n's event loop is busy.
 */
function deadUnseen(pid: number): void {
	process.kill(pid, 'SIGKILL');
	const deadline = Date.now() + 10_000;
	for (;;) {
		const tasks = readdirSync(`/proc/${pid}/task`);
		if (tasks.length === 1 && /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) break;
		if (Date.now() > deadline) throw new Error(`process ${pid} did not die within 10 s`);
	}
	// The kernel may release a dying process's last file a tick after its threads have gone.
	const until = Date.now() + 50;
	while (Date.now() < until);
}

describe('a new embedded store', () => {
	const schemaOf = async (db: Db) =>
		(
			await db.query<{ line: string }>(
				`select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
					|| ' ' || coalesce(column_default, '') as line
				from information_schema.columns where table_schema = 'public'
				union all select indexdef from pg_indexes where schemaname = 'public'
				union all select conrelid::regclass || ' ' || pg_get_constraintdef(oid) from pg_constraint
					where connamespace = 'public'::regnamespace
				order by 1`,
			)
		).rows.map((r) => r.line);

	it('gets its cluster and schema from a child process: the same schema migrate() makes in-process', async () => {
		const dir = tempDir('embedded-init-');
		try {
			// The child's way: the folder is new, so initEmbeddedFolder creates cluster and schema.
			await initEmbeddedFolder(join(dir.path, 'child', 'pgdata'));
			const child = await EmbeddedDb.open(join(dir.path, 'child'));
			const report = await migrate(child);
			expect(report.applied).toEqual([]);
			expect(report.vector.usable).toBe(true);
			// In-process: a cluster made here, so migrate() applies every migration itself.
			mkdirSync(join(dir.path, 'here'));
			const made = await PGlite.create({
				dataDir: join(dir.path, 'here', 'pgdata'),
				extensions: { vector },
			});
			await made.close();
			const here = await EmbeddedDb.open(join(dir.path, 'here'));
			expect((await migrate(here)).applied).toHaveLength(MIGRATIONS.length);
			expect(await schemaOf(child)).toEqual(await schemaOf(here));
			expect((await schemaOf(child)).length).toBeGreaterThan(100);
			await child.close();
			await here.close();
		} finally {
			dir.remove();
		}
	});

	it('says why when its folder cannot hold a database', async () => {
		const dir = tempDir('embedded-init-');
		try {
			// A file where the store's folder should be.
			writeFileSync(join(dir.path, 'taken'), '');
			await expect(initEmbeddedFolder(join(dir.path, 'taken', 'pgdata'))).rejects.toThrow(
				/^creating the database failed: EEXIST: file already exists, mkdir '.*taken'$/,
			);
		} finally {
			dir.remove();
		}
	});

	it('starts its process again when it was killed: what was committed is there, the next statement runs', async () => {
		const dir = tempDir('embedded-restart-');
		try {
			const db = await EmbeddedDb.open(dir.path);
			await db.exec('create table kept (n int)');
			await db.query('insert into kept values (1), (2)');
			const first = db.processId!;
			// Killed while a statement runs (the out-of-memory killer, a user's kill -9).
			const running = db.query('select pg_sleep(5)');
			process.kill(first, 'SIGKILL');
			await expect(running).rejects.toThrow("the embedded store's process ended (SIGKILL)");
			const { rows } = await db.query<{ n: number }>('select sum(n)::int as n from kept');
			expect(rows[0].n).toBe(3);
			expect(db.processId).not.toBe(first);
			// Concurrent statements after a death share one new process.
			const second = db.processId!;
			process.kill(second, 'SIGKILL');
			await reaped(second);
			const answers = await Promise.all([1, 2, 3].map((n) => db.query(`select ${n} as n`)));
			expect(answers.map((a) => a.rows[0])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
			expect(db.processId).not.toBe(second);
			await db.close();
		} finally {
			dir.remove();
		}
	});

	it('runs statements written to a process that died unseen on a new one, once each', async () => {
		const dir = tempDir('embedded-unseen-');
		try {
			const db = await EmbeddedDb.open(dir.path);
			await db.exec('create table kept (n int)');
			const first = db.processId!;
			deadUnseen(first);
			// Written to the dead process's channel before its exit is seen: the writes fail
			// (EPIPE), no 'error' event escapes, and each statement runs exactly once on the next
			// process.
			const answers = await Promise.all([
				db.query('insert into kept values (1)'),
				db.query('insert into kept values (2)'),
				db.transaction(async (tx) => {
					await tx.query('insert into kept values (4)');
				}),
			]);
			expect(answers[0].rowCount).toBe(1);
			expect(db.processId).not.toBe(first);
			const { rows } = await db.query<{ n: number }>('select sum(n)::int as n from kept');
			expect(rows[0].n).toBe(7);
			await db.close();
		} finally {
			dir.remove();
		}
	});

	it('fails a transaction whose process died after its begin, without running it again', async () => {
		const dir = tempDir('embedded-unseen-tx-');
		try {
			const db = await EmbeddedDb.open(dir.path);
			await db.exec('create table kept (n int)');
			let runs = 0;
			const tx = db.transaction(async (t) => {
				runs++;
				await t.query('insert into kept values (1)');
				deadUnseen(db.processId!);
				await t.query('insert into kept values (2)');
			});
			await expect(tx).rejects.toThrow("the embedded store's process ended (SIGKILL)");
			expect(runs).toBe(1);
			// The first insert was never committed: the new process recovered without it.
			expect((await db.query('select n from kept')).rows).toEqual([]);
			await db.close();
		} finally {
			dir.remove();
		}
	});

	it('says why when its process cannot be started, and leaves the folder to the next open', async () => {
		const dir = tempDir('embedded-nospawn-');
		const execPath = process.execPath;
		try {
			await (await EmbeddedDb.open(dir.path)).close();
			process.execPath = join(dir.path, 'no-node-here');
			await expect(EmbeddedDb.open(dir.path)).rejects.toThrow(
				/^Cannot open the embedded store in .*: spawn .*no-node-here ENOENT$/,
			);
			process.execPath = execPath;
			const db = await EmbeddedDb.open(dir.path);
			expect((await db.query<{ n: number }>('select 1 as n')).rows).toEqual([{ n: 1 }]);
			await db.close();
		} finally {
			process.execPath = execPath;
			dir.remove();
		}
	});

	it('runs its process with the Node flags of SALES_ENGINE_STORE_NODE_FLAGS, and only that process', async () => {
		const dir = tempDir('embedded-flags-');
		process.env.SALES_ENGINE_STORE_NODE_FLAGS = '--liftoff-only  --max-semi-space-size=4';
		try {
			const db = await EmbeddedDb.open(dir.path);
			const args = readFileSync(`/proc/${db.processId}/cmdline`, 'utf8').split('\0');
			expect(args.slice(1, 4)).toEqual(['--liftoff-only', '--max-semi-space-size=4', '-e']);
			expect((await db.query<{ n: number }>('select 41 + 1 as n')).rows).toEqual([{ n: 42 }]);
			expect(process.execArgv).not.toContain('--liftoff-only');
			await db.close();
		} finally {
			delete process.env.SALES_ENGINE_STORE_NODE_FLAGS;
			dir.remove();
		}
	});
});
