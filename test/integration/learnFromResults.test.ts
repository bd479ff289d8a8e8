import {
	approveDrafts,
	type Engine,
	generateDrafts,
	getBlueprint,
	learnFromResults,
	parseInbound,
	prospectFromRecord,
	recordInbound,
	rollbackBlueprint,
} from '../../nodes/engine';
import { reply } from '../fixtures/inboundMail';
import { campaignWithBlueprint } from '../fixtures/blueprintCorpus';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const PEOPLE = 120;

/**
 * A simulated campaign: 120 prospects on variants A and B at random, every first touch sent 10 days
 * ago (recorded in the ledger as the sender records a send), the rest of each sequence ended, and
 * replies from exactly the given share of each variant's prospects, taken in by the real intake.
 */
async function simulatedCampaign(
	engine: Engine,
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
	const { rows } = await engine.db.query<{
		id: string;
		prospect_id: string;
		variant: 'A' | 'B';
		email: string;
	}>(
		`select d.id, d.prospect_id, d.variant, p.email from drafts d join prospects p on p.id = d.prospect_id
		where d.campaign_id = $1 and d.step = 1 order by d.id`,
		[campaignId],
	);
	await engine.db.query(
		"update drafts set status = 'cancelled' where campaign_id = $1 and step > 1",
		[campaignId],
	);
	const seen = { A: 0, B: 0 };
	const total = { A: rows.filter((r) => r.variant === 'A').length, B: 0 };
	total.B = rows.length - total.A;
	for (const [i, d] of rows.entries()) {
		await engine.db.query(
			`insert into send_attempts (campaign_id, draft_id, prospect_id, step, mailbox, provider,
				message_id, status, sent_at, recipient)
			select $1, $2, $3, 1, 'dana@northwind.example.com', 'smtp', $4, 'sent',
				now() - interval '10 days', p.email from prospects p where p.id = $3`,
			[campaignId, d.id, d.prospect_id, `<sim-${i}.${campaignId}@northwind.example.com>`],
		);
		await engine.db.query("update drafts set status = 'sent' where id = $1", [d.id]);
		if (seen[d.variant]++ < Math.round(replyShare[d.variant] * total[d.variant])) {
			// Through the real intake: parsed, classified and matched by In-Reply-To.
			const taken = await recordInbound(
				engine,
				await parseInbound(
					reply(
						d.email,
						`<sim-${i}.${campaignId}@northwind.example.com>`,
						`<sim-reply-${i}.${campaignId}@acme.example.net>`,
						i % 2 ? "Sounds good, let's talk Thursday." : 'Not right now, reach out next quarter.',
					),
				),
			);
			if (!taken.matched) throw new Error(`reply ${i} matched nothing: ${taken.effect}`);
		}
	}
	return campaignId;
}

describe.each(STORE_KINDS)('a Blueprint learned from the campaign’s results on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(async () => {
		await store?.dispose();
	});

	it('a real difference between variants becomes a proposed version with the evidence; activating it is a separate step', async () => {
		const campaignId = await simulatedCampaign(store.engine, { A: 0.3, B: 0.05 });
		const result = await learnFromResults(store.engine, campaignId, 'analyst');
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

		const activated = await rollbackBlueprint(store.engine, campaignId, 2, 'analyst');
		expect(activated).toMatchObject({ changed: true, previousVersion: 1 });
		expect((await getBlueprint(store.engine, campaignId)).version).toBe(2);
	});

	it('noise (both variants at 15 %) proposes nothing, and says why', async () => {
		const campaignId = await simulatedCampaign(store.engine, { A: 0.15, B: 0.15 });
		const result = await learnFromResults(store.engine, campaignId);
		expect(result).toMatchObject({
			created: false,
			reason: expect.stringMatching(
				/^No difference in this campaign's results is credible yet: 120 finished of 120 sent messages, \d+ replies/,
			),
		});
		expect(result.summary.findings).toEqual([]);
		expect((await getBlueprint(store.engine, campaignId)).version).toBe(1);
	});
});
