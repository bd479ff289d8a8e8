import {
	compareWithinTouch,
	getBlueprint,
	getCampaignStatus,
	learnFromResults,
	listOutcomes,
	rollbackBlueprint,
} from '../../nodes/engine';
import { PEOPLE, simulatedCampaign } from '../fixtures/simulatedResults';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

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

	it('more positive replies (not more replies) become a proposed version with the evidence, shown in campaign status; activating it records the person', async () => {
		// B is answered more (35 %), but mostly "not now"; A is answered positively six times as often.
		const campaignId = await simulatedCampaign(store.engine, sink.port, {
			A: { positive: 0.3 },
			B: { positive: 0.05, notNow: 0.3 },
		});
		// Now only the answered messages have finished (the others may still be answered): an early
		// look, which spends almost nothing of the budget.
		const early = await learnFromResults(store.engine, campaignId);
		expect(early.created).toBe(false);
		expect(early.look.informationFraction).toBeCloseTo(0.33, 1);
		expect(early.look.alpha).toBeLessThan(0.001);
		const result = await learnFromResults(store.engine, campaignId, 'analyst', later());
		expect(result.look).toMatchObject({
			informationFraction: 1,
			finished: PEOPLE,
			planned: PEOPLE,
			spentAfter: 0.05,
		});
		expect(result.look.alpha).toBeCloseTo(0.05 - early.look.alpha, 10);
		expect(result.created).toBe(true);
		const proposed = result.blueprint!;
		expect(proposed).toMatchObject({ version: 2, status: 'proposed' });
		// The active Blueprint is still v1: nothing changes before a person activates v2.
		expect((await getBlueprint(store.engine, campaignId)).version).toBe(1);

		const variant = result.findings.filter((f) => f.feature === 'variant' && f.credible);
		expect(variant.map((f) => [f.value, f.difference > 0])).toEqual(
			expect.arrayContaining([
				['variant A', true],
				['variant B', false],
			]),
		);
		const a = result.summary.perVariant.find((v) => v.variant === 'A')!;
		const b = result.summary.perVariant.find((v) => v.variant === 'B')!;
		expect(a.positive).toBe(Math.round(0.3 * a.sent));
		expect(b.positive).toBe(Math.round(0.05 * b.sent));
		expect(b.replyRate).toBeGreaterThan(a.replyRate);
		expect(a.sent + b.sent).toBe(PEOPLE);
		// Classified by the intake from what each reply says.
		const { positive = 0, not_now = 0 } = result.summary.byReplyClass;
		expect([positive, not_now]).toEqual([
			a.positive + b.positive,
			a.replied + b.replied - a.positive - b.positive,
		]);

		const added = result.diff!.rules.filter((r) => r.change === 'added').map((r) => r.id);
		expect(added).toEqual(
			expect.arrayContaining(['results.variant.variant_a', 'results.variant.variant_b']),
		);
		const doA = proposed.body.dos.find((r) => r.id === 'results.variant.variant_a')!;
		expect(doA.text).toBe(
			`Prefer "variant A": ${(a.positiveRate * 100).toFixed(1)} % positive replies (${a.positive} of ${a.counted}) against ${(b.positiveRate * 100).toFixed(1)} % for the rest (${b.positive} of ${b.counted}), compared within touch 1`,
		);
		expect(doA.evidence).toMatchObject({ n: a.counted, count: a.positive, sources: ['results'] });
		expect(proposed.body.donts.map((r) => r.id)).toContain('results.variant.variant_b');
		expect(proposed.body.results).toMatchObject({ fromVersion: 1, look: { spentAfter: 0.05 } });

		// The report's "What worked for you" section carries the same numbers, variants under their own header.
		const markdown = (
			await store.engine.objects.get((proposed.report as { markdownKey: string }).markdownKey)
		).toString('utf8');
		expect(markdown).toContain('## What worked for you');
		expect(markdown).toContain(
			`| variant | variant A | ${(a.positiveRate * 100).toFixed(1)} % (${a.positive}/${a.counted}) |`,
		);
		expect(markdown).toContain(
			`| Variant | Sent | Replied | Positive (of counted) |\n|---|---|---|---|\n| A | ${a.sent} | ${a.replied} |`,
		);

		// Campaign status shows the proposal waiting, what it changes and why.
		const status = await getCampaignStatus(store.engine, campaignId);
		expect(status.blueprintProposal).toMatchObject({
			version: 2,
			changes: expect.arrayContaining([
				expect.objectContaining({ kind: 'do', id: 'results.variant.variant_a' }),
			]),
		});
		expect(status.nextStep).toContain('Blueprint proposal waiting: version 2');

		// The weekly loop over the same results: the budget is spent, no copy of v2.
		expect(await learnFromResults(store.engine, campaignId, 'analyst', later())).toMatchObject({
			created: false,
			reason: expect.stringMatching(/error budget \(0\.05\) is spent/),
		});

		const activated = await rollbackBlueprint(
			store.engine,
			campaignId,
			2,
			'Dana Reviewer (n8n:workflow=wf:execution=9)',
		);
		expect(activated).toMatchObject({ changed: true, previousVersion: 1 });
		expect((await getBlueprint(store.engine, campaignId)).version).toBe(2);
		expect((await getCampaignStatus(store.engine, campaignId)).blueprintProposal).toBeNull();
		const { rows } = await store.engine.db.query<{ type: string; actor: string }>(
			"select type, actor from campaign_events where campaign_id = $1 and type like 'blueprint_%' order by id",
			[campaignId],
		);
		expect(rows.slice(-2)).toEqual([
			{ type: 'blueprint_proposed', actor: 'analyst' },
			{ type: 'blueprint_proposal_approved', actor: 'Dana Reviewer (n8n:workflow=wf:execution=9)' },
		]);
	});

	it('noise between the variants (both at 15 %) learns no variant rule', async () => {
		const campaignId = await simulatedCampaign(store.engine, sink.port, {
			A: { positive: 0.15 },
			B: { positive: 0.15 },
		});
		const result = await learnFromResults(store.engine, campaignId, undefined, later());
		const variant = compareWithinTouch(
			await listOutcomes(store.engine, campaignId, later()),
			'variant',
		);
		expect(variant.map((f) => f.value).sort()).toEqual(['variant A', 'variant B']);
		expect(variant.every((f) => Math.abs(f.difference) < 0.02)).toBe(true);
		expect(result.findings.filter((f) => f.feature === 'variant' && f.credible)).toEqual([]);
		// Whatever else chance makes credible (who replied is random), never a rule about variants.
		const rules = result.blueprint
			? [...result.blueprint.body.dos, ...result.blueprint.body.donts]
			: [];
		expect(rules.filter((r) => r.id.startsWith('results.variant.'))).toEqual([]);
		if (!result.created) {
			expect(result.reason).toMatch(
				/^No difference in this campaign's positive replies is credible yet: 120 finished of 120 planned messages .*this look could detect/,
			);
		}
	});
});
