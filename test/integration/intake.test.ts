import {
	dispatch,
	parseInbound,
	recordInbound,
	type SendOptions,
	smtpProvider,
} from '../../nodes/engine';
import { danaSends, sentCampaign } from '../fixtures/sentCampaign';
import { complaint, dsn, eximBounce, outOfOffice, reply } from '../fixtures/inboundMail';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const PEOPLE = ['ivy', 'gone', 'ben', 'cara', 'nobody'].map((p) => `${p}@acme.example.net`);

describe.each(STORE_KINDS)('reply and bounce intake on %s', (kind) => {
	let store: TestStore;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	let campaignId: string;
	let sent: Map<string, string>;
	beforeAll(async () => {
		store = await openTestStore(kind);
		sink = await startSmtpSink();
		({ campaignId, sent } = await sentCampaign(store.engine, PEOPLE, sink.port));
	});
	afterAll(async () => {
		// Pooled connections closed first, so the sink stops at once.
		await Promise.all(providers.map((p) => p.close?.()));
		await sink?.stop();
		await store?.dispose();
	});

	const providers: Array<ReturnType<typeof smtpProvider>> = [];
	const options = (): SendOptions => {
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port });
		providers.push(provider);
		return danaSends(campaignId, provider);
	};
	const take = async (raw: Buffer) => await recordInbound(store.engine, await parseInbound(raw));
	const prospectStatus = async (email: string) =>
		(
			await store.engine.db.query<{ status: string }>(
				'select status from prospects where campaign_id = $1 and email = $2',
				[campaignId, email],
			)
		).rows[0].status;

	it('a reply stops the sequence; the same message again changes nothing', async () => {
		const result = await take(reply(PEOPLE[0], sent.get(PEOPLE[0]) as string));
		expect(result).toMatchObject({
			kind: 'reply',
			matched: { by: 'message-id', campaignId, step: 1, recipient: PEOPLE[0] },
			effect: 'prospect marked replied: the rest of the sequence is not sent',
			duplicate: false,
		});
		expect(await prospectStatus(PEOPLE[0])).toBe('replied');
		const again = await take(reply(PEOPLE[0], sent.get(PEOPLE[0]) as string));
		expect(again).toMatchObject({ kind: 'reply', duplicate: true });
		const { rows } = await store.engine.db.query<{ n: number }>(
			"select count(*)::int as n from campaign_events where campaign_id = $1 and type = 'reply_received'",
			[campaignId],
		);
		expect(Number(rows[0].n)).toBe(1);
	});

	it('a DSN suppresses the address; an out-of-office leaves the sequence going', async () => {
		const bounce = await take(dsn(PEOPLE[1], sent.get(PEOPLE[1]) as string));
		expect(bounce).toMatchObject({
			kind: 'hard_bounce',
			status: '5.1.1',
			matched: { by: 'message-id', recipient: PEOPLE[1] },
			effect: `${PEOPLE[1]} suppressed (hard bounce: userunknown)`,
		});
		expect(await prospectStatus(PEOPLE[1])).toBe('bounced');
		const ooo = await take(outOfOffice(PEOPLE[2], sent.get(PEOPLE[2]) as string));
		expect(ooo).toMatchObject({ kind: 'auto_reply', matched: { recipient: PEOPLE[2] } });
		expect(await prospectStatus(PEOPLE[2])).toBe('active');
		const { rows } = await store.engine.db.query<{ bounce_status: string }>(
			'select bounce_status from send_attempts where recipient = $1',
			[PEOPLE[1]],
		);
		expect(rows[0].bounce_status).toBe('5.1.1');
	});

	it('a complaint suppresses; a bounce matched by address alone still counts', async () => {
		expect(await take(complaint(PEOPLE[3], sent.get(PEOPLE[3]) as string))).toMatchObject({
			kind: 'complaint',
			effect: `${PEOPLE[3]} suppressed (complaint)`,
		});
		expect(await take(eximBounce(PEOPLE[4]))).toMatchObject({
			kind: 'hard_bounce',
			matched: { by: 'address', recipient: PEOPLE[4] },
		});
		const { rows } = await store.engine.db.query<{ kind: string; value: string }>(
			'select kind, value from suppressions where value = any($1) order by value',
			[PEOPLE],
		);
		expect(rows).toEqual([
			{ kind: 'complaint', value: PEOPLE[3] },
			{ kind: 'hard_bounce', value: PEOPLE[1] },
			{ kind: 'hard_bounce', value: PEOPLE[4] },
		]);
	});

	it('a bounce for mail this engine never sent (backscatter) suppresses no one', async () => {
		const result = await take(dsn('stranger@elsewhere.example.org', '<forged@spam.example>'));
		expect(result).toMatchObject({ kind: 'hard_bounce', matched: null });
		expect(result.effect).toMatch(/^nothing changed/);
		const { rows } = await store.engine.db.query(
			"select 1 from suppressions where value = 'stranger@elsewhere.example.org'",
		);
		expect(rows).toHaveLength(0);
	});

	it('the next touch goes only to the prospect whose reply was automatic', async () => {
		await store.engine.db.query(
			"update drafts set due_at = now() where campaign_id = $1 and step = 2 and status = 'approved'",
			[campaignId],
		);
		const before = sink.received.length;
		const summary = await dispatch(store.engine, options());
		expect(summary.sent).toBe(1);
		expect(sink.received.slice(before).map((m) => m.to)).toEqual([[PEOPLE[2]]]);
	});
});
