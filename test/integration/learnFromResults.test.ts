import {
	approveDrafts,
	compareGroups,
	dispatch,
	type Engine,
	generateDrafts,
	getBlueprint,
	learnFromResults,
	listOutcomes,
	parseInbound,
	prospectFromRecord,
	recordInbound,
	rollbackBlueprint,
	smtpProvider,
} from '../../nodes/engine';
import { campaignWithBlueprint } from '../fixtures/blueprintCorpus';
import { reply } from '../fixtures/inboundMail';
import { danaSends } from '../fixtures/sentCampaign';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const PEOPLE = 120;

/**
 * A simulated campaign: 120 prospects on variants A and B at random, every first touch sent to the
 * SMTP sink by the sender, the rest of each sequence ended, and replies from exactly the given
 * share of each variant's prospects, taken in by the real intake (classified, matched by
 * In-Reply-To to the Message-ID the sink received).
 */
async function simulatedCampaign(
	engine: Engine,
	sinkPort: number,
	replyShare: { A: number; B: number },
): Promise<string> {
	const campaignId = await campaignWithBlueprint(engine);
	const people = Array.from({ length: PEOPLE }, (_, i) =>
		prospectFromRecord(
			{ email: `p${i}@company${i}.example.net`, first_name: `P${i}`, company: `Company ${i}` },
			`p${i}`,
		),
	);
	await generateDrafts(engine, campaignId, people, { variants: 2 });
	await approveDrafts(engine, campaignId, { allPassing: true }, 'reviewer');
	await engine.db.query(
		"update drafts set status = 'cancelled' where campaign_id = $1 and step > 1",
		[campaignId],
	);
	const provider = smtpProvider({ host: '127.0.0.1', port: sinkPort });
	const sent = await dispatch(engine, danaSends(campaignId, provider));
	await provider.close?.();
	expect(sent.sent).toBe(PEOPLE);
	const { rows } = await engine.db.query<{
		variant: 'A' | 'B';
		recipient: string;
		message_id: string;
	}>(
		`select d.variant, a.recipient, a.message_id from send_attempts a join drafts d on d.id = a.draft_id
		where a.campaign_id = $1 and a.status = 'sent' order by d.id`,
		[campaignId],
	);
	const total = { A: rows.filter((r) => r.variant === 'A').length, B: 0 };
	total.B = rows.length - total.A;
	const seen = { A: 0, B: 0 };
	for (const [i, r] of rows.entries()) {
		if (seen[r.variant]++ >= Math.round(replyShare[r.variant] * total[r.variant])) continue;
		const taken = await recordInbound(
			engine,
			await parseInbound(
				reply(
					r.recipient,
					r.message_id,
					`<sim-reply-${i}.${campaignId}@acme.example.net>`,
					i % 2 ? "Sounds good, let's talk Thursday." : 'Not right now, reach out next quarter.',
				),
			),
		);
		if (!taken.matched) throw new Error(`reply ${i} matched nothing: ${taken.effect}`);
	}
	return campaignId;
}

/** A week and a day later: every sequence has ended and gone quiet. */
const later = () => ({ now: new Date(Date.now() + 8 * 86_400_000) });

describe.each(STORE_KINDS)('a Blueprint learned from the campaign’s results on %s', (kind) => {
	let store: TestStore;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		store = await openTestStore(kind);
		sink = await startSmtpSink();
	});
	afterAll(async () => {
		await sink?.stop();
		await store?.dispose();
	});

	it('a real difference between variants becomes a proposed version with the evidence; activating it is a separate step', async () => {
		const campaignId = await simulatedCampaign(store.engine, sink.port, { A: 0.3, B: 0.05 });
		// Now, every unanswered message is still pending (its sequence may still be answered).
		expect((await learnFromResults(store.engine, campaignId)).created).toBe(false);
		const result = await learnFromResults(store.engine, campaignId, 'analyst', later());
		expect(result.created).toBe(true);
		const proposed = result.blueprint!;
		expect(proposed).toMatchObject({ version: 2, status: 'proposed' });
		// The active Blueprint is still v1: nothing changes before a person activates v2.
		expect((await getBlueprint(store.engine, campaignId)).version).toBe(1);

		const variant = result.summary.findings.filter((f) => f.feature === 'variant');
		expect(variant.map((f) => [f.value, f.credible])).toEqual(
			expect.arrayContaining([
				['variant A', true],
				['variant B', true],
			]),
		);
		const a = result.summary.perVariant.find((v) => v.variant === 'A')!;
		const b = result.summary.perVariant.find((v) => v.variant === 'B')!;
		expect(a.replied).toBe(Math.round(0.3 * a.sent));
		expect(b.replied).toBe(Math.round(0.05 * b.sent));
		expect(a.sent + b.sent).toBe(PEOPLE);
		// Classified by the intake from what each reply says.
		const { positive = 0, not_now = 0 } = result.summary.byReplyClass;
		expect([positive + not_now, positive > 0, not_now > 0]).toEqual([
			a.replied + b.replied,
			true,
			true,
		]);

		const added = result.diff!.rules.filter((r) => r.change === 'added').map((r) => r.id);
		expect(added).toEqual(
			expect.arrayContaining(['results.variant.variant_a', 'results.variant.variant_b']),
		);
		const doA = proposed.body.dos.find((r) => r.id === 'results.variant.variant_a')!;
		expect(doA.text).toBe(
			`Prefer "variant A": ${(a.replyRate * 100).toFixed(1)} % replied (${a.replied} of ${a.sent}) against ${(b.replyRate * 100).toFixed(1)} % for the rest (${b.replied} of ${b.sent})`,
		);
		expect(doA.evidence).toMatchObject({ n: a.sent, count: a.replied, sources: ['results'] });
		expect(proposed.body.donts.map((r) => r.id)).toContain('results.variant.variant_b');
		expect(proposed.body.results).toMatchObject({ fromVersion: 1 });

		// The report's "What worked for you" section carries the same numbers.
		const markdown = (
			await store.engine.objects.get((proposed.report as { markdownKey: string }).markdownKey)
		).toString('utf8');
		expect(markdown).toContain('## What worked for you');
		expect(markdown).toContain(
			`| variant | variant A | ${(a.replyRate * 100).toFixed(1)} % (${a.replied}/${a.sent}) |`,
		);
		expect(markdown).toContain(`| variant A | ${a.sent} | ${a.replied} |`);

		// The weekly loop over the same results proposes no copy of v2.
		expect(await learnFromResults(store.engine, campaignId, 'analyst', later())).toMatchObject({
			created: false,
			reason: expect.stringMatching(
				/^Version 2 already proposes these rules from the same results/,
			),
		});

		const activated = await rollbackBlueprint(store.engine, campaignId, 2, 'analyst');
		expect(activated).toMatchObject({ changed: true, previousVersion: 1 });
		expect((await getBlueprint(store.engine, campaignId)).version).toBe(2);
		const { rows } = await store.engine.db.query<{ type: string; actor: string }>(
			"select type, actor from campaign_events where campaign_id = $1 and type like 'blueprint_%' order by id",
			[campaignId],
		);
		expect(rows.slice(-2)).toEqual([
			{ type: 'blueprint_proposed', actor: 'analyst' },
			{ type: 'blueprint_proposal_approved', actor: 'analyst' },
		]);
	});

	it('noise between the variants (both at 15 %) learns no variant rule', async () => {
		const campaignId = await simulatedCampaign(store.engine, sink.port, { A: 0.15, B: 0.15 });
		const result = await learnFromResults(store.engine, campaignId, undefined, later());
		const variant = compareGroups(await listOutcomes(store.engine, campaignId, later()), 'variant');
		expect(variant.map((f) => f.value).sort()).toEqual(['variant A', 'variant B']);
		expect(variant.every((f) => !f.credible && Math.abs(f.difference) < 0.02)).toBe(true);
		// Whatever else chance makes credible (who replied is random), never a rule about variants.
		const rules = result.blueprint
			? [...result.blueprint.body.dos, ...result.blueprint.body.donts]
			: [];
		expect(rules.filter((r) => r.id.startsWith('results.variant.'))).toEqual([]);
		if (!result.created) {
			expect(result.reason).toMatch(
				/^No difference in this campaign's results is credible yet: 120 finished of 120 sent messages/,
			);
		}
	});
});
