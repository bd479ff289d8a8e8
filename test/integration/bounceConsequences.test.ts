import {
	dispatch,
	getCampaignStatus,
	parseInbound,
	recordInbound,
	smtpProvider,
} from '../../nodes/engine';
import { approvedCampaign, TEST_COMPLIANCE } from '../fixtures/approvedCampaign';
import { eml } from '../fixtures/mail';
import { sentCampaign } from '../fixtures/sentCampaign';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const DANA = 'dana@northwind.example.com';

/** A DSN with one recipient group per entry, as a Postfix relay writes it. */
function report(id: string, original: string, groups: Array<[string, string, string, string]>) {
	return eml([
		'From: Mail Delivery System <MAILER-DAEMON@relay.example.net>',
		`To: ${DANA}`,
		'Subject: Undelivered Mail Returned to Sender',
		`Message-ID: <${id}@relay.example.net>`,
		'MIME-Version: 1.0',
		'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
		'',
		'--b',
		'Content-Type: text/plain',
		'',
		'This is the mail system at host relay.example.net.',
		'--b',
		'Content-Type: message/delivery-status',
		'',
		'Reporting-MTA: dns; relay.example.net',
		'',
		...groups.flatMap(([to, action, status, diagnostic]) => [
			`Final-Recipient: rfc822; ${to}`,
			`Action: ${action}`,
			`Status: ${status}`,
			`Diagnostic-Code: smtp; ${diagnostic}`,
			'',
		]),
		'--b',
		'Content-Type: text/rfc822-headers',
		'',
		`From: Dana <${DANA}>`,
		`Message-ID: ${original}`,
		'--b--',
	]);
}

describe.each(STORE_KINDS)('what a bounce changes, per recipient, on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store?.dispose());

	const status = async (campaignId: string, email: string) =>
		(
			await store.engine.db.query<{ status: string }>(
				'select status from prospects where campaign_id = $1 and email = $2',
				[campaignId, email],
			)
		).rows[0].status;
	const suppressed = async (email: string) =>
		(
			await store.engine.db.query<{ kind: string }>(
				'select kind from suppressions where value = $1',
				[email],
			)
		).rows[0]?.kind ?? null;
	const take = async (raw: Buffer) => await recordInbound(store.engine, await parseInbound(raw));

	it('suppresses every dead recipient of one report, keeps the others, and never reads it as a reply', async () => {
		const sink = await startSmtpSink();
		const people = ['gone1', 'gone2', 'full', 'blocked', 'fine'].map(
			(p) => `${p}@acme.example.net`,
		);
		const { campaignId, sent } = await sentCampaign(store.engine, people, sink.port);
		await sink.stop();
		const result = await take(
			report('multi-1', sent.get(people[0]) as string, [
				[people[0], 'failed', '5.1.1', '550 5.1.1 <gone1@acme.example.net>: User unknown'],
				[people[1], 'failed', '5.0.0', '550 <gone2@acme.example.net>... No such user here'],
				[people[2], 'failed', '5.2.2', '552 5.2.2 Mailbox full'],
				[
					people[3],
					'failed',
					'5.7.1',
					'554 5.7.1 Service unavailable; blocked using zen.spamhaus.org',
				],
				[people[4], 'delivered', '2.0.0', '250 2.0.0 OK'],
				['stranger@elsewhere.example', 'failed', '5.1.1', '550 5.1.1 User unknown'],
			]),
		);
		expect(result.kind).toBe('hard_bounce');
		expect(result.recipients.map((r) => [r.address, r.reason, r.consequence])).toEqual([
			[people[0], 'userunknown', 'suppress'],
			[people[1], 'userunknown', 'suppress'],
			[people[2], 'mailboxfull', 'defer'],
			[people[3], 'blocked', 'sender'],
			[people[4], 'delivered', 'none'],
			['stranger@elsewhere.example', 'userunknown', 'suppress'],
		]);
		expect(await suppressed(people[0])).toBe('hard_bounce');
		expect(await suppressed(people[1])).toBe('hard_bounce');
		for (const p of people.slice(2)) expect(await suppressed(p)).toBeNull();
		// An address we never mailed is not suppressed on a report's word (backscatter).
		expect(await suppressed('stranger@elsewhere.example')).toBeNull();
		expect(await status(campaignId, people[0])).toBe('bounced');
		expect(await status(campaignId, people[1])).toBe('bounced');
		for (const p of people.slice(2)) expect(await status(campaignId, p)).toBe('active');
		expect(result.effect).toMatch(/full@acme\.example\.net: temporary failure 1 of 3/);
		expect(result.effect).toMatch(
			/blocked@acme\.example\.net kept: the receiver refused the sender/,
		);
		expect(result.effect).toMatch(/stranger@elsewhere\.example: no message of ours went there/);
	});

	it('suppresses a temporary failure only once it repeats on three days', async () => {
		const sink = await startSmtpSink();
		const full = 'always-full@acme.example.net';
		const { campaignId, sent } = await sentCampaign(store.engine, [full], sink.port);
		await sink.stop();
		const bounceOn = async (day: number) => {
			const r = await take(
				report(`full-${day}-${kind}`, sent.get(full) as string, [
					[full, 'failed', '4.2.2', '452 4.2.2 Mailbox full'],
				]),
			);
			// The earlier failures are moved back a day each, as if they had come on other days.
			await store.engine.db.query(
				"update delivery_failures set created_at = created_at - interval '1 day' where address = $1",
				[full],
			);
			return r;
		};
		expect((await bounceOn(1)).kind).toBe('soft_bounce');
		expect(await bounceOn(2)).toMatchObject({ kind: 'soft_bounce' });
		expect(await suppressed(full)).toBeNull();
		expect(await status(campaignId, full)).toBe('active');
		const third = await bounceOn(3);
		expect(third.effect).toMatch(/suppressed after 3 temporary failures on 3 days \(mailboxfull\)/);
		expect(await suppressed(full)).toBe('hard_bounce');
	});

	it('pauses a mailbox whose sender receivers keep refusing, and keeps the recipients', async () => {
		const sink = await startSmtpSink();
		const people = Array.from({ length: 5 }, (_, i) => `r${i}@acme.example.net`);
		const { campaignId, sent } = await sentCampaign(store.engine, people, sink.port);
		await sink.stop();
		await store.engine.db.query(
			"update kill_switches set engaged = false where scope = 'mailbox' and target = $1",
			[DANA],
		);
		await store.engine.db.query('delete from delivery_failures where mailbox = $1', [DANA]);
		for (const [i, p] of people.entries()) {
			await take(
				report(`policy-${i}-${kind}`, sent.get(p) as string, [
					[p, 'failed', '5.7.1', '550 5.7.1 Message rejected as spam by Content Filtering'],
				]),
			);
		}
		for (const p of people) {
			expect(await suppressed(p)).toBeNull();
			expect(await status(campaignId, p)).toBe('active');
		}
		const report1 = await getCampaignStatus(store.engine, campaignId);
		expect(report1.pausedMailboxes).toEqual([
			{
				mailbox: DANA,
				reason: expect.stringMatching(
					/^receivers refused the sender 5 times in 24 h \(spamdetected\)/,
				),
				pausedBy: 'sales-engine: mailbox health',
			},
		]);
		// Dana is the campaign's only mailbox: with it paused, sending is blocked and says why.
		expect(report1.sendReadiness.missing.join(' ')).toMatch(/kill switch engaged \(mailbox/);
		await store.engine.db.query(
			"update kill_switches set engaged = false where scope = 'mailbox' and target = $1",
			[DANA],
		);
	});
});

describe.each(STORE_KINDS)('a policy-rejection storm on one mailbox, on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store?.dispose());

	it('pauses that mailbox with the reason while the other mailbox of the campaign keeps sending', async () => {
		const refusing = await startSmtpSink(
			{},
			{
				refuseEveryone:
					'550 5.7.1 Service unavailable; client [127.0.0.1] blocked using zen.spamhaus.org',
			},
		);
		const healthy = await startSmtpSink();
		const BAD = 'bad@northwind.example.com';
		const GOOD = 'good@northwind.example.com';
		const people = Array.from({ length: 24 }, (_, i) => `storm${i}@acme.example.net`);
		const campaignId = await approvedCampaign(store.engine, people);
		const bad = smtpProvider({ host: '127.0.0.1', port: refusing.port });
		const good = smtpProvider({ host: '127.0.0.1', port: healthy.port });
		const run = () =>
			dispatch(store.engine, {
				campaignId,
				window: null,
				compliance: TEST_COMPLIANCE,
				concurrency: 2,
				routes: [
					{ provider: bad, mailboxes: [{ address: BAD, name: 'Bad', perDay: 100 }] },
					{ provider: good, mailboxes: [{ address: GOOD, name: 'Good', perDay: 100 }] },
				],
			});
		const first = await run();
		expect(first.stopped).toBeNull();
		expect(first.blockedMailboxes).toEqual([BAD]);
		// The refusals that paused the mailbox failed those messages; no recipient was suppressed.
		expect(first.failed).toBeGreaterThanOrEqual(5);
		const { rows: kept } = await store.engine.db.query<{ n: number }>(
			`select count(*)::int as n from suppressions where value like 'storm%'`,
		);
		expect(Number(kept[0].n)).toBe(0);
		// The campaign itself is not paused, and a second run sends the rest from the healthy one.
		const second = await run();
		expect(healthy.received.length).toBe(people.length - first.failed);
		expect(first.sent + second.sent).toBe(people.length - first.failed);
		const { rows: c } = await store.engine.db.query<{ status: string }>(
			'select status from campaigns where id = $1',
			[campaignId],
		);
		expect(c[0].status).toBe('active');
		const state = await getCampaignStatus(store.engine, campaignId);
		expect(state.pausedMailboxes).toEqual([
			{
				mailbox: BAD,
				reason: expect.stringMatching(/receivers refused the sender 5 times in 24 h \(blocked\)/),
				pausedBy: 'sales-engine: mailbox health',
			},
		]);
		expect(state.nextStep).toMatch(
			/Mailbox bad@northwind\.example\.com is paused: receivers refused/,
		);
		expect(state.sendReadiness.missing.join(' ')).not.toMatch(/kill switch/);
		const { rows: events } = await store.engine.db.query<{ type: string }>(
			"select type from campaign_events where campaign_id = $1 and type in ('mailbox_paused', 'campaign_auto_paused')",
			[campaignId],
		);
		expect(events.map((e) => e.type)).toEqual(['mailbox_paused']);
		await Promise.all([bad.close(), good.close()]);
		await Promise.all([refusing.stop(), healthy.stop()]);
	});
});

describe.each(STORE_KINDS)('the bounce guard over hand-over refusals, on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store?.dispose());

	it('counts what the bounce taxonomy calls a hard bounce, whatever its words, and pauses the campaign', async () => {
		// Two hard bounces a text pattern (5.1.x, "user unknown") would miss, a disabled account
		// (sisimai's "suspend": failed, not a hard bounce) and a full mailbox (temporary); the rest
		// accepted. Before: the guard counted failures whose text matched such a pattern.
		const gone = ['gone-a@acme.example.net', 'gone-b@acme.example.net'];
		const sink = await startSmtpSink({
			[gone[0]]: ['550 Requested action not taken: mailbox unavailable'],
			[gone[1]]: ['550 Addressee unknown, relay=mx.acme.example.net'],
			'disabled@acme.example.net': [
				'550 5.2.1 The email account that you tried to reach is disabled',
			],
			'full@acme.example.net': ['452 4.2.2 mailbox full'],
		});
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port });
		try {
			const people = [
				...gone,
				'disabled@acme.example.net',
				'full@acme.example.net',
				...Array.from({ length: 6 }, (_, i) => `ok${i}@acme.example.net`),
			];
			const campaignId = await approvedCampaign(store.engine, people);
			const send = (minSends: number) =>
				dispatch(store.engine, {
					campaignId,
					window: null,
					compliance: TEST_COMPLIANCE,
					concurrency: 1,
					provider,
					mailboxes: [{ address: 'dana@northwind.example.com', name: 'Dana', perDay: 100 }],
					autoPause: { errorBurst: 50, bounceRate: 0.15, minSends },
				});
			// First every draft goes out (the guard waits for 1,000 sends)…
			const first = await send(1000);
			expect(first).toMatchObject({
				failed: 3,
				sent: 6,
				deferred: { transient: 1 },
				stopped: null,
			});
			const { rows } = await store.engine.db.query<{ recipient: string; bounced: boolean }>(
				`select recipient, bounced_at is not null as bounced from send_attempts
				where campaign_id = $1 and status = 'failed' order by 1`,
				[campaignId],
			);
			expect(rows).toEqual([
				{ recipient: 'disabled@acme.example.net', bounced: false },
				{ recipient: gone[0], bounced: true },
				{ recipient: gone[1], bounced: true },
			]);
			// …then, with the guard at 5 sends: 2 hard bounces against 6 sent (25 %, over 15 %).
			const second = await send(5);
			expect(second.stopped).toBe(
				'campaign paused: bounce rate 25 % over 15 %; resuming is a human decision',
			);
		} finally {
			await provider.close();
			await sink.stop();
		}
	});
});
