import {
	getCampaignStatus,
	listOutcomes,
	parseInbound,
	recordInbound,
	summarizeOutcomes,
	unsubscribe,
	unsubscribeToken,
} from '../../nodes/engine';
import { SENT_CAMPAIGN_SECRET as SECRET, sentCampaign } from '../fixtures/sentCampaign';
import { complaint, dsn, outOfOffice, reply } from '../fixtures/inboundMail';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const WHO = ['yes', 'later', 'stop', 'gone', 'away', 'link', 'angry', 'quiet', 'maybe'];
const PEOPLE = WHO.map((p) => `${p}@acme.example.net`);
const at = (who: string) => PEOPLE[WHO.indexOf(who)];

describe.each(STORE_KINDS)('outcomes of sent messages on %s', (kind) => {
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
		await sink?.stop();
		await store?.dispose();
	});

	const take = async (raw: Buffer) => await recordInbound(store.engine, await parseInbound(raw));
	const answer = (who: string, text: string) =>
		take(reply(at(who), sent.get(at(who))!, `<${who}-reply@acme.example.net>`, text));

	it('each answer gets its class; a reply asking to stop suppresses the address', async () => {
		expect(await answer('yes', 'Sounds good, can we talk Thursday at 10?')).toMatchObject({
			kind: 'reply',
			replyClass: 'positive',
		});
		expect(await answer('later', 'Not right now. Reach out in Q3, please.')).toMatchObject({
			replyClass: 'not_now',
		});
		expect(await answer('maybe', 'Who else at Acme uses this?')).toMatchObject({
			replyClass: 'unclear',
		});
		const stop = await answer('stop', 'Please remove me from your list.');
		expect(stop).toMatchObject({
			replyClass: 'unsubscribe_request',
			effect: `prospect marked replied: the rest of the sequence is not sent; ${at('stop')} suppressed (asked to stop)`,
		});
		const { rows } = await store.engine.db.query<{ kind: string; source: string }>(
			'select kind, source from suppressions where value = $1',
			[at('stop')],
		);
		expect(rows).toEqual([{ kind: 'unsubscribed', source: 'reply' }]);
		expect(await take(dsn(at('gone'), sent.get(at('gone'))!))).toMatchObject({
			kind: 'hard_bounce',
			replyClass: 'bounce',
		});
		expect(await take(outOfOffice(at('away'), sent.get(at('away'))!))).toMatchObject({
			kind: 'auto_reply',
			replyClass: 'out_of_office',
		});
		expect(await take(complaint(at('angry'), sent.get(at('angry'))!))).toMatchObject({
			kind: 'complaint',
		});
		await unsubscribe(store.engine, SECRET, unsubscribeToken(SECRET, campaignId, at('link')));
	});

	it('every sent message has its outcome, with its draft features and Blueprint version', async () => {
		const { rows: prospects } = await store.engine.db.query<{ id: string; email: string }>(
			'select id, email from prospects where campaign_id = $1',
			[campaignId],
		);
		const prospectIds = new Map(prospects.map((p) => [p.email, p.id]));
		const outcomes = await listOutcomes(store.engine, campaignId);
		const of = (who: string) => outcomes.find((o) => o.prospectId === prospectIds.get(at(who)));
		expect(outcomes).toHaveLength(PEOPLE.length);
		const table = Object.fromEntries(
			WHO.map((who) => [who, [of(who)?.outcome, of(who)?.replyClass]]),
		);
		expect(table).toEqual({
			yes: ['replied', 'positive'],
			later: ['replied', 'not_now'],
			maybe: ['replied', 'unclear'],
			stop: ['unsubscribed', 'unsubscribe_request'],
			gone: ['bounced', 'bounce'],
			away: ['pending', 'out_of_office'],
			link: ['unsubscribed', null],
			angry: ['complained', null],
			quiet: ['pending', null],
		});
		const first = of('yes')!;
		expect(first.blueprintVersion).toBe(1);
		expect(first.features).toMatchObject({
			gapDays: 0,
			lengthBand: expect.stringMatching(/words$/),
			subjectPattern: expect.any(String),
		});
		expect(first.features.words).toBeGreaterThan(10);
		expect(first.outcomeAt).not.toBeNull();

		// Once the quiet one's sequence has ended and a week has passed, it is "no answer".
		await store.engine.db.query(
			"update drafts set status = 'cancelled' where prospect_id = $1 and status = 'approved'",
			[prospectIds.get(at('quiet'))!],
		);
		const later = await listOutcomes(store.engine, campaignId, {
			now: new Date(Date.now() + 8 * 86_400_000),
		});
		expect(later.find((o) => o.prospectId === prospectIds.get(at('quiet')))?.outcome).toBe(
			'no_answer',
		);
		// "away" (out of office) still has touches to come: still pending.
		expect(later.find((o) => o.prospectId === prospectIds.get(at('away')))?.outcome).toBe(
			'pending',
		);
	});

	it('the campaign status shows the results: outcomes, replies by class, reply rate per step', async () => {
		const status = await getCampaignStatus(store.engine, campaignId);
		expect(status.results).toEqual(summarizeOutcomes(await listOutcomes(store.engine, campaignId)));
		expect(status.results).toMatchObject({
			sent: 9,
			byOutcome: {
				replied: 3,
				bounced: 1,
				unsubscribed: 2,
				complained: 1,
				no_answer: 0,
				pending: 2,
			},
			byReplyClass: {
				positive: 1,
				not_now: 1,
				unclear: 1,
				unsubscribe_request: 1,
				bounce: 1,
				out_of_office: 1,
			},
			replyRate: 0.3333,
			// Success is a positive reply, over the finished messages that did not bounce: 9 sent,
			// 1 bounced, 2 pending.
			counted: 6,
			positive: 1,
			positiveRate: 0.1667,
			perStep: [{ step: 1, sent: 9, replied: 3, replyRate: 0.3333, counted: 6, positive: 1 }],
			// Written without variants.
			perVariant: [],
		});
		// Nine messages: nothing learned, nothing proposed.
		expect(status.blueprintProposal).toBeNull();
		// Wilson's 95 % interval of 3 in 9.
		expect(status.results.interval.low).toBeCloseTo(0.1206, 3);
		expect(status.results.interval.high).toBeCloseTo(0.6458, 3);
	});
});
