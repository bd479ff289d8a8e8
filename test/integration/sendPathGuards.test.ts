import {
	addSuppression,
	dispatch,
	getCampaignStatus,
	graphPostWithToken,
	microsoft365Provider,
	requeueFailedSends,
	type SendOptions,
	smtpProvider,
} from '../../nodes/engine';
import { claimDrafts } from '../../nodes/engine/send/claimDrafts';
import { takeDaily } from '../../nodes/engine/send/rateLimiter';
import { approvedCampaign, TEST_COMPLIANCE } from '../fixtures/approvedCampaign';
import { type GraphSendAnswer, startGraphServer } from '../helpers/graphServer';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const SMTP = 'dana@northwind.example.com';
const MS365 = 'fay@northwind.example.com';

const prospectsOf = (n: number, tag: string) =>
	Array.from({ length: n }, (_, i) => `${tag}${i}@acme.example.net`);

describe.each(STORE_KINDS)('the send path under outside pressure, on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store?.dispose());

	const dueIn = async (campaignId: string) => {
		const { rows } = await store.engine.db.query<{ ms: number }>(
			`select (extract(epoch from (min(due_at) - now())) * 1000)::float8 as ms from drafts
			where campaign_id = $1 and status = 'approved' and step = 1`,
			[campaignId],
		);
		return Number(rows[0].ms);
	};

	const graphRun = async (answers: GraphSendAnswer[], perDay?: number, n = 1) => {
		const graph = await startGraphServer({}, { sendAnswers: answers });
		const campaignId = await approvedCampaign(
			store.engine,
			prospectsOf(n, `g${answers.length}x${n}`),
		);
		const summary = await dispatch(store.engine, {
			campaignId,
			window: null,
			compliance: TEST_COMPLIANCE,
			routes: [
				{
					provider: microsoft365Provider({
						post: graphPostWithToken(graph.token),
						baseUrl: graph.baseUrl,
					}),
					mailboxes: [{ address: MS365, perDay }],
				},
			],
		} satisfies SendOptions);
		await graph.stop();
		return { summary, graph, campaignId };
	};

	it('waits out a short Retry-After, and defers a long one (seconds or HTTP date) to the time it names', async () => {
		const short = await graphRun([{ status: 429, code: 'TooManyRequests', retryAfter: '2' }]);
		expect(short.summary.sent).toBe(1);
		expect(short.graph.sent).toHaveLength(1);

		// Past the bound a run waits out itself (a minute): deferred to the time named.
		const seconds = await graphRun([{ status: 429, code: 'TooManyRequests', retryAfter: '75' }]);
		expect(seconds.summary.sent).toBe(0);
		expect(seconds.summary.deferred.throttled).toBe(1);
		const due = await dueIn(seconds.campaignId);
		expect(due).toBeGreaterThan(70_000);
		expect(due).toBeLessThan(80_000);

		const at = new Date(Date.now() + 90_000).toUTCString();
		const date = await graphRun([{ status: 503, code: 'ServiceUnavailable', retryAfter: at }]);
		expect(date.summary.deferred.throttled).toBe(1);
		const dueDate = await dueIn(date.campaignId);
		expect(dueDate).toBeGreaterThan(80_000);
		expect(dueDate).toBeLessThan(95_000);
	});

	it('counts a daily cap by sends: a throttled, deferred draft gives its count back', async () => {
		await store.engine.db.query('delete from rate_buckets');
		const run = await graphRun(
			[{ status: 429, code: 'TooManyRequests', retryAfter: '120' }, 'ok', 'ok', 'ok', 'ok'],
			3,
			5,
		);
		// One deferred by the provider, then three sent: the cap of 3 is three sends, not four claims.
		expect(run.graph.sent).toHaveLength(3);
		expect(run.summary.deferred.throttled).toBe(1);
		const { rows } = await store.engine.db.query<{ used: number }>(
			`select coalesce(sum(count), 0)::int as used from rate_buckets where key = $1`,
			[`daily:mailbox:${MS365}`],
		);
		expect(Number(rows[0].used)).toBe(3);
		await store.engine.db.query('delete from rate_buckets');
	});

	it('stops drafts it already holds once another process pauses the campaign', async () => {
		const sink = await startSmtpSink();
		const campaignId = await approvedCampaign(store.engine, prospectsOf(12, 'pause'));
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port });
		const running = dispatch(store.engine, {
			campaignId,
			window: null,
			compliance: TEST_COMPLIANCE,
			routes: [
				{
					provider,
					mailboxes: [{ address: SMTP, perSecond: 4 }],
				},
			],
		} satisfies SendOptions);
		while (sink.received.length < 2) await new Promise((r) => setTimeout(r, 20));
		// Another worker's bounce guard (or a person) pauses the campaign while this run holds claims.
		await store.engine.db.query("update campaigns set status = 'paused' where id = $1", [
			campaignId,
		]);
		const atPause = sink.received.length;
		const summary = await running;
		// At most the message already on the wire when the pause landed.
		expect(sink.received.length - atPause).toBeLessThanOrEqual(1);
		expect(summary.stopped).toBe('campaign paused');
		const { rows } = await store.engine.db.query<{ n: number }>(
			"select count(*)::int as n from send_attempts where campaign_id = $1 and status = 'sending'",
			[campaignId],
		);
		expect(Number(rows[0].n)).toBe(0);
		await provider.close();
		await sink.stop();
	});

	it('reserves a rate slot only for a draft that will use it', async () => {
		const sink = await startSmtpSink();
		const address = 'slots@northwind.example.com';
		const campaignId = await approvedCampaign(store.engine, prospectsOf(10, 'slot'));
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port });
		const summary = await dispatch(store.engine, {
			campaignId,
			window: null,
			compliance: TEST_COMPLIANCE,
			timeBudgetMs: 1_500,
			batchSize: 10,
			routes: [
				{
					provider,
					mailboxes: [{ address, perSecond: 1 }],
				},
			],
		} satisfies SendOptions);
		expect(summary.sent).toBeGreaterThan(0);
		expect(summary.deferred.limit).toBeGreaterThan(2);
		// Each deferred draft once pushed the mailbox's next slot a second further out.
		const { rows } = await store.engine.db.query<{ ms: number }>(
			`select (extract(epoch from (next_at - clock_timestamp())) * 1000)::float8 as ms
			from rate_limits where key = $1`,
			[`mailbox:${address}`],
		);
		expect(Number(rows[0].ms)).toBeLessThan(2_500);
		await provider.close();
		await sink.stop();
	});

	it("takes over a dead worker's claims once its heartbeat lease ends, and gives back its daily counts", async () => {
		const sink = await startSmtpSink();
		const address = 'heart@northwind.example.com';
		const campaignId = await approvedCampaign(store.engine, prospectsOf(6, 'dead'));
		const routes = [
			{
				provider: smtpProvider({ host: '127.0.0.1', port: sink.port }),
				mailboxes: [{ address, perSecond: 1, perDay: 6 }],
			},
		];
		// A worker claims three drafts, counts them against the cap, and dies (no heartbeat).
		const { claimed } = await claimDrafts(
			store.engine.db,
			campaignId,
			[{ mailbox: routes[0].mailboxes[0], provider: routes[0].provider }],
			{ limit: 3, leaseSeconds: 1, workerId: 'dead-worker/1' },
		);
		expect(claimed).toHaveLength(3);
		for (const c of claimed)
			expect(
				await store.engine.db.transaction((tx) =>
					takeDaily(tx, [{ key: `mailbox:${address}`, perDay: 6 }], c),
				),
			).toBeNull();
		const run = () =>
			dispatch(store.engine, {
				campaignId,
				window: null,
				compliance: TEST_COMPLIANCE,
				routes,
			} satisfies SendOptions);
		// Get Status shows the claims and when they are free, then that their worker stopped.
		const held = await getCampaignStatus(store.engine, campaignId);
		expect(held.claims.held).toBe(3);
		expect(Date.parse(held.claims.freedBy!) - Date.now()).toBeLessThan(1_500);
		expect((await run()).sent).toBe(3);
		await new Promise((r) => setTimeout(r, 200));
		expect((await getCampaignStatus(store.engine, campaignId)).nextStep).toContain(
			'3 drafts are held by a worker that stopped',
		);
		// The dead worker's lease (its heartbeat's) ends; the next run takes its drafts over, and the
		// cap of six is six sends: its three counts were given back when its claims were reaped.
		await new Promise((r) => setTimeout(r, 1_200));
		const next = await run();
		expect(next.sent).toBe(3);
		expect(next.deferred.limit).toBe(0);
		expect(new Set(sink.received.map((m) => m.to.join(','))).size).toBe(6);
		expect(sink.received).toHaveLength(6);
		await routes[0].provider.close();
		await sink.stop();
	});

	it('requeues failed sends on request, audited, keeping suppressed addresses failed', async () => {
		const refused: GraphSendAnswer = { status: 403, code: 'ErrorSendAsDenied' };
		const run = await graphRun([refused, refused, refused], undefined, 3);
		expect(run.summary.failed).toBe(3);
		const { rows: failed } = await store.engine.db.query<{ recipient: string }>(
			"select recipient from send_attempts where campaign_id = $1 and status = 'failed' order by recipient",
			[run.campaignId],
		);
		await addSuppression(store.engine.db, {
			kind: 'manual',
			value: failed[0].recipient,
			reason: 'asked to be left alone',
			source: 'test',
		});
		const result = await requeueFailedSends(store.engine.db, {
			campaignId: run.campaignId,
			mailbox: MS365.toUpperCase(),
			actor: 'ops@northwind.example.com',
		});
		expect(result).toMatchObject({ requeued: 2, keptSuppressed: 1 });
		const { rows: events } = await store.engine.db.query<{ actor: string; data: unknown }>(
			"select actor, data from campaign_events where campaign_id = $1 and type = 'failed_sends_requeued'",
			[run.campaignId],
		);
		expect(events).toHaveLength(1);
		expect(events[0].actor).toBe('ops@northwind.example.com');

		const graph = await startGraphServer({});
		const again = await dispatch(store.engine, {
			campaignId: run.campaignId,
			window: null,
			compliance: TEST_COMPLIANCE,
			routes: [
				{
					provider: microsoft365Provider({
						post: graphPostWithToken(graph.token),
						baseUrl: graph.baseUrl,
					}),
					mailboxes: [{ address: MS365 }],
				},
			],
		} satisfies SendOptions);
		expect(again.sent).toBe(2);
		expect(graph.sent).toHaveLength(2);
		// A second request finds nothing left to requeue.
		expect(
			(await requeueFailedSends(store.engine.db, { campaignId: run.campaignId })).requeued,
		).toBe(0);
		await graph.stop();
	});

	it('pauses a mailbox whose provider keeps failing while another sends, not the campaign', async () => {
		const sink = await startSmtpSink();
		const failing: GraphSendAnswer = { status: 500, code: 'InternalServerError' };
		const graph = await startGraphServer({}, { sendAnswers: Array(40).fill(failing) });
		const campaignId = await approvedCampaign(store.engine, prospectsOf(16, 'burst'));
		const smtp = smtpProvider({ host: '127.0.0.1', port: sink.port });
		const summary = await dispatch(store.engine, {
			campaignId,
			window: null,
			compliance: TEST_COMPLIANCE,
			autoPause: { errorBurst: 3, bounceRate: 0.5, minSends: 1000 },
			routes: [
				{ provider: smtp, mailboxes: [{ address: 'ok@northwind.example.com', perSecond: 4 }] },
				{
					provider: microsoft365Provider({
						post: graphPostWithToken(graph.token),
						baseUrl: graph.baseUrl,
					}),
					mailboxes: [{ address: 'broken@northwind.example.com' }],
				},
			],
		} satisfies SendOptions);
		expect(summary.stopped).toBeNull();
		expect(summary.failed).toBe(0);
		expect(summary.blockedMailboxes).toEqual(['broken@northwind.example.com']);
		expect(summary.deferred.transient).toBeGreaterThanOrEqual(3);
		const status = await getCampaignStatus(store.engine, campaignId);
		expect(status.campaign.status).toBe('active');
		expect(status.pausedMailboxes).toEqual([
			expect.objectContaining({
				mailbox: 'broken@northwind.example.com',
				pausedBy: 'sales-engine: mailbox health',
				reason: expect.stringMatching(
					/^3 sends in a row failed through microsoft365 while other mailboxes sent/,
				),
			}),
		]);
		// The healthy mailbox went on: every draft that was not the broken mailbox's was sent.
		expect(sink.received.length).toBe(summary.sent);
		expect(summary.sent).toBeGreaterThanOrEqual(
			16 - summary.deferred.transient - summary.deferred.kill_switch,
		);
		await smtp.close();
		await Promise.all([sink.stop(), graph.stop()]);
	});
});
