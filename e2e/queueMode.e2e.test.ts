import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { closeAllEngines, openEngine, unsubscribeToken } from '../nodes/engine';
import { approvedCampaign } from '../test/fixtures/approvedCampaign';
import { ADMIN_URL, createTestDatabase } from '../test/helpers/postgres';
import { rateOf } from '../test/helpers/rateOf';
import { S3RVER_KEY, startS3rver } from '../test/helpers/s3rver';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { N8n, type Server } from './helpers/n8n';
import { queueModeEnv, WORKER_CONCURRENCY } from './helpers/queueEnv';
import {
	importSendWorkerToSink,
	importStackCredentials,
	readWorkflow,
	settledStatus,
	signedBy,
	UNSUBSCRIBE_SECRET,
	untilRegistered,
	WORKFLOWS,
} from './helpers/shipped';

// Under the 40 a day the sender node gives a mailbox by default, with the sample campaign's three.
const PEOPLE = Array.from({ length: 30 }, (_, i) => `person${i}@prospect${i % 7}.example.net`);
const PER_SECOND = 4;
/** Loopback Redis; point elsewhere with SALES_ENGINE_TEST_REDIS (host:port). */
const [REDIS_HOST, REDIS_PORT] = (process.env.SALES_ENGINE_TEST_REDIS ?? '127.0.0.1:6379').split(
	':',
);

const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 90_000) => {
	for (const end = Date.now() + ms; Date.now() < end;) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`timed out waiting for ${what}`);
};

/**
 * The compose stack's queue profile, natively: `n8n start` and two `n8n worker --concurrency=5`
 * sharing n8n's database on PostgreSQL and Redis, the engine's store on PostgreSQL and S3 through
 * the same SALES_ENGINE_* variables, this package installed as the stack installs it.
 */
describe('n8n queue mode: a main instance and two workers', () => {
	let n8n: N8n;
	let n8nDb: Awaited<ReturnType<typeof createTestDatabase>>;
	let store: Awaited<ReturnType<typeof createTestDatabase>>;
	let s3: Awaited<ReturnType<typeof startS3rver>>;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	const servers: Server[] = [];
	let workers: Server[] = [];

	beforeAll(async () => {
		[n8nDb, store, s3, sink, n8n] = await Promise.all([
			createTestDatabase(),
			createTestDatabase(),
			startS3rver(['sales-engine']),
			startSmtpSink(),
			N8n.withPackage(),
		]);
		n8n.extraEnv = queueModeEnv({
			postgres: new URL(ADMIN_URL),
			n8nDatabase: n8nDb.name,
			redis: { host: REDIS_HOST, port: REDIS_PORT ?? '6379' },
			queuePrefix: `se-e2e-${randomBytes(4).toString('hex')}`,
			storeUrl: store.url,
			s3: {
				endpoint: s3.endpoint,
				bucket: 'sales-engine',
				accessKey: S3RVER_KEY,
				secretKey: S3RVER_KEY,
			},
		});
	});
	afterAll(async () => {
		await Promise.all(servers.map((s) => s.stop()));
		await closeAllEngines();
		await sink?.stop();
		await s3?.stop();
		await n8nDb?.drop();
		await store?.drop();
		n8n?.remove();
	});

	/** Rows of n8n's own database (PostgreSQL in queue mode). */
	const n8nSql = async <T>(query: string, values: unknown[] = []): Promise<T[]> => {
		const client = new Client({ connectionString: n8nDb.url });
		await client.connect();
		try {
			return (await client.query(query, values)).rows as T[];
		} finally {
			await client.end();
		}
	};

	it('refuses the embedded store with its clear message when no shared store is set', async () => {
		await n8n.import('workflow', [readWorkflow('campaign-quickstart.json')]);
		const shared = n8n.extraEnv;
		n8n.extraEnv = { ...shared, SALES_ENGINE_DATABASE_URL: '', SALES_ENGINE_S3_BUCKET: '' };
		try {
			const run = await n8n.execute('SEquickstart0001');
			expect(run.data.resultData.error?.message).toMatch(
				/The embedded store cannot serve n8n queue mode \(EXECUTIONS_MODE=queue\)/,
			);
		} finally {
			n8n.extraEnv = shared;
		}
	});

	it('runs the campaign through its webhook and approval page, sends on both workers once each within the limit, and both honour the kill switch', async () => {
		await importStackCredentials(n8n);
		await n8n.importFolder('workflow', WORKFLOWS);
		// The send worker against the sink, every 2 s instead of every minute so that runs overlap
		// on the two workers; small claims so every run takes a share; one global limit for all.
		await importSendWorkerToSink(n8n, sink.port, {
			options: { globalPerSecond: PER_SECOND, batchSize: 5, timeBudgetSeconds: 20 },
			scheduleRule: { interval: [{ field: 'seconds', secondsInterval: 2 }] },
		});
		for (const id of [
			'SEcampaign000001',
			'SEunsubscribe001',
			'SEkillswitch0001',
			'SEsendworker0001',
		]) {
			await n8n.publish(id);
		}
		const main = await n8n.start();
		servers.push(main);
		workers = await Promise.all([
			n8n.startWorker(WORKER_CONCURRENCY),
			n8n.startWorker(WORKER_CONCURRENCY),
		]);
		servers.push(...workers);

		// The campaign API: answered at once (202) with the campaign's id and links, carried out by a
		// worker up to the approval page.
		const sample = readWorkflow('sales-campaign.json').nodes.find(
			(n) => n.name === 'Sample campaign',
		)!;
		const campaignUrl = `${main.baseUrl}/webhook/sales-engine/campaign`;
		const post = () => ({
			method: 'POST',
			headers: { 'content-type': 'application/json', ...signedBy() },
			body: String(sample.parameters.jsonOutput),
		});
		await untilRegistered(campaignUrl, { ...post(), headers: signedBy('not the key') });
		const request = post();
		const accepted = await fetch(campaignUrl, request);
		expect(accepted.status).toBe(202);
		const answer = (await accepted.json()) as Record<string, string>;
		expect(answer).toMatchObject({
			campaignId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			created: true,
			approvalUrl: expect.stringMatching(/\/form-waiting\/\d+\?signature=[0-9a-f]+$/),
			statusUrl: expect.stringMatching(
				/\/webhook\/sales-engine\/status\?campaignId=[0-9a-f-]{36}$/,
			),
			summaryUrl: expect.stringMatching(/\/webhook\/sales-engine\/approval-summary\?campaign=/),
		});
		// The same request again (a replayed token) is refused with the reason, as a 401.
		const again = await fetch(campaignUrl, request);
		expect(again.status).toBe(401);
		expect(((await again.json()) as { error: string }).error).toMatch(/already used/);
		let waiting: { id: string; data: string } | undefined;
		await until('the campaign to wait for its approval', async () => {
			[waiting] = await n8nSql<{ id: string; data: string }>(
				`select e.id, d.data from execution_entity e join execution_data d on d."executionId" = e.id
				where e."workflowId" = 'SEcampaign000001' and e.status = 'waiting'`,
			);
			return Boolean(waiting);
		});
		const approvalPath = new RegExp(`/form-waiting/${waiting!.id}\\?signature=[0-9a-f]+`).exec(
			waiting!.data,
		)?.[0];
		expect(approvalPath).toBeDefined();
		expect(answer.approvalUrl.endsWith(approvalPath!)).toBe(true);
		const approvalUrl = `${main.baseUrl}${approvalPath}`;
		expect(await (await fetch(approvalUrl)).text()).toContain('Approve the drafts');
		const form = new FormData();
		form.append('field-1', 'Approve all passing drafts');
		form.append('field-4', 'jane@northwind-analytics.example.com');
		expect((await fetch(approvalUrl, { method: 'POST', body: form })).status).toBe(200);
		expect(await settledStatus(main.baseUrl, approvalUrl)).toBe('success');

		// A second, larger approved campaign in the same shared store; one of its people
		// unsubscribes through the main instance's webhook before anything is sent.
		const engine = await openEngine({
			database: store.config,
			objects: s3.config('sales-engine'),
		});
		const bigCampaign = await approvedCampaign(engine, PEOPLE);
		const token = unsubscribeToken(UNSUBSCRIBE_SECRET, bigCampaign, PEOPLE[0]);
		const unsubscribe = await fetch(
			`${main.baseUrl}/webhook/sales-engine/unsubscribe?token=${token}`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'List-Unsubscribe=One-Click',
			},
		);
		expect(unsubscribe.status).toBe(200);
		const due = await engine.db.query<{ email: string; step: number }>(
			`select p.email, d.step from drafts d join prospects p on p.id = d.prospect_id
			where d.status in ('approved', 'sent') and d.due_at <= now()`,
		);
		// The sample campaign's first touches (maybe sent already) and the big one's, but the unsubscribed.
		const expected = due.rows.filter((r) => r.email !== PEOPLE[0]).length;
		expect(expected).toBeGreaterThanOrEqual(PEOPLE.length - 1 + 3);

		// Midway, the kill switch (engaged through the main instance) stops both workers.
		await until('a dozen messages', () => sink.received.length >= 12);
		const killSwitch = (action: string) =>
			fetch(`${main.baseUrl}/webhook/sales-engine/kill-switch`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...signedBy() },
				body: JSON.stringify({ action, scope: 'global', reason: 'e2e drill' }),
			});
		expect((await killSwitch('engage')).status).toBe(200);
		const engagedAt = Date.now();
		const logMarks = workers.map((w) => w.log().length);
		const startedSince = (w: Server, mark: number) =>
			[
				...w
					.log()
					.slice(mark)
					.matchAll(/Worker started execution (\d+)/g),
			].map((m) => m[1]);
		await until('a run on each worker after the switch', () =>
			workers.every((w, i) => startedSince(w, logMarks[i]).length > 0),
		);
		const afterSwitch = workers.map((w, i) => startedSince(w, logMarks[i]));
		await until('those runs to end', async () => {
			const rows = await n8nSql<{ status: string }>(
				'select status from execution_entity where id = any($1::int[])',
				[afterSwitch.flat().map(Number)],
			);
			return rows.every((r) => !['new', 'running'].includes(r.status));
		});
		const stopped = await n8nSql<{ id: string; data: string }>(
			`select "executionId"::text as id, data from execution_data where "executionId" = any($1::int[])`,
			[afterSwitch.flat().map(Number)],
		);
		for (const ids of afterSwitch) {
			const runs = stopped.filter((r) => ids.includes(r.id));
			expect(runs.length).toBe(ids.length);
			for (const run of runs) expect(run.data).toContain('kill switch engaged (global: e2e drill)');
		}
		// In-flight sends past their last check may land just after the switch (2 s: three n8n
		// processes and jest share two cores); nothing later.
		const late = sink.received.filter((m) => m.at > engagedAt + 2000);
		expect(late).toEqual([]);
		const sentWhileEngaged = sink.received.length;
		expect(sentWhileEngaged).toBeLessThan(expected);

		expect((await killSwitch('release')).status).toBe(200);
		await until(
			'every due draft to be sent',
			() => sink.received.length >= expected,
			expected * (1000 / PER_SECOND) + 60_000,
		);
		// A few more runs: nothing more goes out.
		await new Promise((r) => setTimeout(r, 5000));

		// Counted again now: a draft of the sample campaign that fell due after the first count
		// (its approval ran just before) is sent too, once.
		const dueNow = await engine.db.query<{ email: string }>(
			`select p.email from drafts d join prospects p on p.id = d.prospect_id
			where d.status in ('approved', 'sent') and d.due_at <= now()`,
		);
		const expectedNow = dueNow.rows.filter((r) => r.email !== PEOPLE[0]).length;
		expect(expectedNow).toBeGreaterThanOrEqual(expected);
		const ids = sink.received.map((m) => m.messageId);
		const recipients = sink.received.map((m) => m.to.join(','));
		expect(sink.received).toHaveLength(expectedNow);
		expect(new Set(ids).size).toBe(expectedNow);
		expect(recipients).not.toContain(PEOPLE[0]);
		expect(new Set(recipients).size).toBe(expectedNow);
		const ledger = await engine.db.query<{ message_id: string; worker: string }>(
			`select message_id, split_part(worker_id, '/', 1) as worker from send_attempts
			where status = 'sent'`,
		);
		expect(ledger.rows.map((r) => r.message_id).sort()).toEqual([...ids].sort());
		// Both workers sent (the ledger names each run's process), together within the one limit.
		const senders = new Set(ledger.rows.map((r) => r.worker.split(':').at(-1)));
		expect([...senders].sort()).toEqual(workers.map((w) => String(w.pid)).sort());
		const { busiest } = rateOf(sink.received.map((m) => m.at).sort((a, b) => a - b));
		expect(busiest).toBeLessThanOrEqual(PER_SECOND + 1);
		await closeAllEngines();
	});

	it("frees a SIGKILLed worker's claims within its heartbeat lease: the other worker sends them, and the daily cap counts exactly what was sent", async () => {
		const engine = await openEngine({ database: store.config, objects: s3.config('sales-engine') });
		const people = Array.from({ length: 6 }, (_, i) => `killed${i}@prospect${i}.example.net`);
		const before = sink.received.length;
		const campaignId = await approvedCampaign(engine, people);
		// Caught holding claims: the worker whose run has attempts of this campaign in `sending`.
		let victim: Server | undefined;
		await until(
			'a worker to hold claims of the campaign',
			async () => {
				const { rows } = await engine.db.query<{ worker_id: string }>(
					"select worker_id from send_attempts where campaign_id = $1 and status = 'sending' limit 1",
					[campaignId],
				);
				const pid = rows[0]?.worker_id.split('/')[0].split(':').at(-1);
				victim = workers.find((w) => String(w.pid) === pid);
				if (victim) process.kill(victim.pid, 'SIGKILL');
				return Boolean(victim);
			},
			60_000,
		);
		const killedAt = Date.now();
		const settled = async () => {
			const { rows } = await engine.db.query<{ status: string; n: number }>(
				`select a.status, count(*)::int as n from send_attempts a where a.campaign_id = $1
					and a.status in ('sent', 'unknown') group by a.status`,
				[campaignId],
			);
			return rows.reduce((sum, r) => sum + Number(r.n), 0) === people.length;
		};
		await until('every draft of the killed worker to be taken over', settled, 120_000);
		const tookOver = Date.now() - killedAt;
		// The heartbeat lease (30 s) plus the surviving worker's schedule (2 s) and its run, well
		// under the 300 s the claims once waited out.
		expect(tookOver).toBeLessThan(60_000);
		const { rows: attempts } = await engine.db.query<{ status: string; mailbox: string }>(
			"select status, lower(mailbox) as mailbox from send_attempts where campaign_id = $1 and status in ('sent', 'unknown')",
			[campaignId],
		);
		const delivered = sink.received.slice(before).filter((m) => people.includes(m.to.join(',')));
		// A message handed over when the worker died is `unknown` (never re-sent); every other one
		// reached the sink once.
		const unknown = attempts.filter((a) => a.status === 'unknown').length;
		expect(unknown).toBeLessThanOrEqual(WORKER_CONCURRENCY);
		expect(new Set(delivered.map((m) => m.to.join(','))).size).toBe(delivered.length);
		expect(delivered.length).toBeGreaterThanOrEqual(people.length - unknown);
		// The mailbox's day counts every send of the ledger, nothing for the claims the kill dropped.
		const mailbox = attempts[0].mailbox;
		const { rows: counted } = await engine.db.query<{ used: number; sends: number }>(
			`select (select coalesce(sum(count), 0)::int from rate_buckets where key = $1) as used,
				(select count(*)::int from send_attempts where lower(mailbox) = $2
					and status in ('sent', 'unknown', 'failed') and daily_keys is not null) as sends`,
			[`daily:mailbox:${mailbox}`, mailbox],
		);
		expect(Number(counted[0].used)).toBe(Number(counted[0].sends));
		console.log(
			`SIGKILLed worker ${victim!.pid}: its drafts taken over in ${tookOver} ms, ${unknown} unknown`,
		);
		await closeAllEngines();
	});
});
