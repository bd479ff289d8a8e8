import {
	dispatch,
	getCampaignStatus,
	gmailProvider,
	graphPostWithToken,
	microsoft365Provider,
	type SendOptions,
	setKillSwitch,
	smtpProvider,
} from '../../nodes/engine';
import { approvedCampaign, TEST_COMPLIANCE } from '../fixtures/approvedCampaign';
import { startGmailServer } from '../helpers/gmailServer';
import { startGraphServer } from '../helpers/graphServer';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const SMTP = 'dana@northwind.example.com';
const GMAIL = 'eli@northwind.example.com';
const MS365 = 'fay@northwind.example.com';

describe.each(STORE_KINDS)('a mailbox whose credential is refused, on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store?.dispose());

	it('is paused with the reason while a healthy mailbox sends; no draft fails; after the fix each is sent once', async () => {
		const sink = await startSmtpSink();
		// A revoked Gmail grant and an expired Graph token: the servers refuse both tokens.
		const gmail = await startGmailServer([]);
		const graph = await startGraphServer({});
		const prospects = Array.from({ length: 12 }, (_, i) => `c${i}@acme.example.net`);
		const campaignId = await approvedCampaign(store.engine, prospects);
		const routes = (fixed: boolean) => [
			{
				provider: smtpProvider({ host: '127.0.0.1', port: sink.port }),
				mailboxes: [{ address: SMTP, name: 'Dana', perDay: 100, perSecond: 2 }],
			},
			{
				provider: gmailProvider({
					accessToken: fixed ? gmail.token : 'ya29.a-revoked-token',
					rootUrl: gmail.rootUrl,
				}),
				mailboxes: [{ address: GMAIL, name: 'Eli', perDay: 100 }],
			},
			{
				provider: microsoft365Provider({
					post: graphPostWithToken(fixed ? graph.token : 'an-expired-token'),
					baseUrl: graph.baseUrl,
				}),
				mailboxes: [{ address: MS365, name: 'Fay', perDay: 100 }],
			},
		];
		const run = (fixed: boolean, timeBudgetMs?: number) =>
			dispatch(store.engine, {
				campaignId,
				window: null,
				compliance: TEST_COMPLIANCE,
				routes: routes(fixed),
				timeBudgetMs,
			} satisfies SendOptions);

		// A short run: the broken mailboxes are found out, the healthy one sends at its own rate.
		const first = await run(false, 2_000);
		expect(first.failed).toBe(0);
		expect(first.stopped).toBeNull();
		expect(first.blockedMailboxes).toEqual([GMAIL, MS365].sort());
		// The healthy mailbox sent at its rate (2 a second); nothing left the broken ones.
		expect(sink.received.length).toBeGreaterThan(0);
		expect(sink.received.length).toBeLessThan(prospects.length);
		expect(gmail.sent).toHaveLength(0);
		expect(graph.sent).toHaveLength(0);
		const state = await getCampaignStatus(store.engine, campaignId);
		expect(state.pausedMailboxes.map((p) => [p.mailbox, p.pausedBy])).toEqual([
			[GMAIL, 'sales-engine: mailbox health'],
			[MS365, 'sales-engine: mailbox health'],
		]);
		expect(state.pausedMailboxes[0].reason).toMatch(
			/^the gmail credential of eli@northwind\.example\.com was refused \(Gmail 401.*fix or reconnect that n8n credential/,
		);
		expect(state.pausedMailboxes[1].reason).toMatch(/InvalidAuthenticationToken/);
		const { rows: attempts } = await store.engine.db.query<{ status: string; n: number }>(
			'select status, count(*)::int as n from send_attempts where campaign_id = $1 group by status order by status',
			[campaignId],
		);
		expect(attempts.find((a) => a.status === 'failed')).toBeUndefined();

		// The credentials fixed (reconnected in n8n), the mailboxes released by a person.
		for (const mailbox of [GMAIL, MS365])
			await setKillSwitch(store.engine.db, {
				scope: 'mailbox',
				target: mailbox,
				engaged: false,
				actor: 'ops@northwind.example.com',
			});
		const sentTo = () => [
			...sink.received.map((m) => m.to.join(',')),
			...gmail.sent.map((m) => /^To: (.+)$/m.exec(m.raw)?.[1]),
			...graph.sent.map((m) => /^To: (.+)$/m.exec(m.raw)?.[1]),
		];
		// Microsoft 365 holds a mailbox to 30 a minute: runs follow one another until all is sent.
		for (let i = 0; i < 8 && sentTo().length < prospects.length; i++) {
			const next = await run(true);
			expect(next.failed).toBe(0);
			// The next first touch's slot, seconds away (follow-ups fall due days later).
			const wait = next.nextDueAt ? Date.parse(next.nextDueAt) - Date.now() : 0;
			await new Promise((r) => setTimeout(r, Math.min(Math.max(wait, 0), 5_000)));
		}
		const all = sentTo();
		expect(all).toHaveLength(prospects.length);
		expect(new Set(all).size).toBe(prospects.length);
		await Promise.all([sink.stop(), gmail.stop(), graph.stop()]);
	});
});
