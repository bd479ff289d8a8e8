import {
	compareGroups,
	type DraftOutcome,
	MIN_GROUP_SIZE,
	summarizeOutcomes,
} from '../../../nodes/engine';

/** A seeded generator (mulberry32): the same "random" campaign on every run. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `n` finished messages with this CTA and subject, each answered with probability `rate`. */
function simulate(
	rnd: () => number,
	groups: Array<{ cta: string; subject?: string; variant?: string; n: number; rate: number }>,
): DraftOutcome[] {
	return groups.flatMap((g) =>
		Array.from({ length: g.n }, (_, i) => ({
			draftId: `${g.cta}-${i}`,
			prospectId: `${g.cta}-${i}`,
			step: 1,
			blueprintVersion: 1,
			variant: g.variant ?? null,
			sentAt: '2026-12-01T10:00:00.000Z',
			outcome: rnd() < g.rate ? ('replied' as const) : ('no_answer' as const),
			replyClass: null,
			outcomeAt: null,
			features: {
				ctaType: g.cta,
				subjectPattern: g.subject ?? 'Quick question',
				words: 80,
				lengthBand: '50–99 words' as const,
				gapDays: 0,
			},
		})),
	);
}

/** "Random" draws that answer exactly the first `replied` of `n` messages (at a rate of 0.5). */
const exact = (replied: number, n: number) =>
	Array.from({ length: n }, (_, i) => (i < replied ? 0 : 1));

describe('learning from results: which differences are credible', () => {
	it('a real difference (20 % against 6 % on 300 messages each) is credible, with the right numbers', () => {
		let i = 0;
		const answers = [...exact(60, 300), ...exact(18, 300)];
		const outcomes = simulate(
			() => answers[i++],
			[
				{ cta: 'question', n: 300, rate: 0.5 },
				{ cta: 'meeting', n: 300, rate: 0.5 },
			],
		);
		const [meeting, question] = compareGroups(outcomes, 'ctaType').sort((a, b) =>
			a.value.localeCompare(b.value),
		);
		expect(question).toMatchObject({
			value: 'question',
			sent: 300,
			replied: 60,
			replyRate: 0.2,
			rest: { sent: 300, replied: 18, replyRate: 0.06 },
			difference: 0.14,
			credible: true,
		});
		expect(question.z).toBeCloseTo(5.098, 2);
		expect(question.pValue).toBeLessThan(0.0001);
		// Two groups tested: each at 0.025, so the interval is ±2.24 standard errors.
		expect(question.differenceInterval.low).toBeCloseTo(0.14 - 2.2414 * 0.02683, 3);
		expect(question.differenceInterval.high).toBeCloseTo(0.14 + 2.2414 * 0.02683, 3);
		expect(meeting).toMatchObject({ difference: -0.14, credible: true });
	});

	it('noise is not learned: two CTAs with the same 10 % rate, 400 simulated campaigns', () => {
		let credible = 0;
		for (let seed = 1; seed <= 400; seed++) {
			const findings = compareGroups(
				simulate(random(seed), [
					{ cta: 'question', n: 300, rate: 0.1 },
					{ cta: 'meeting', n: 300, rate: 0.1 },
				]),
				'ctaType',
			);
			if (findings.some((f) => f.credible)) credible++;
		}
		// A 5 % test: about 20 of 400 by chance; never a rule in most campaigns.
		expect(credible / 400).toBeLessThanOrEqual(0.07);
	});

	it('ten subject patterns with one rate: the correction keeps chance winners out', () => {
		let campaignsWithARule = 0;
		for (let seed = 1; seed <= 200; seed++) {
			const groups = Array.from({ length: 10 }, (_, k) => ({
				cta: 'question',
				subject: `Pattern ${k}`,
				n: 60,
				rate: 0.15,
			}));
			const findings = compareGroups(simulate(random(seed), groups), 'subjectPattern');
			if (findings.some((f) => f.credible)) campaignsWithARule++;
		}
		// Without the correction, 77 of these 200 campaigns would have a chance "winner" (p < 0.05).
		expect(campaignsWithARule / 200).toBeLessThanOrEqual(0.08);
	});

	it('the same real difference is detected in most simulated campaigns (power)', () => {
		let detected = 0;
		for (let seed = 1; seed <= 100; seed++) {
			const findings = compareGroups(
				simulate(random(seed), [
					{ cta: 'question', n: 300, rate: 0.2 },
					{ cta: 'meeting', n: 300, rate: 0.08 },
				]),
				'ctaType',
			);
			if (findings.find((f) => f.value === 'question')?.credible) detected++;
		}
		expect(detected).toBeGreaterThanOrEqual(95);
	});

	it(`below ${MIN_GROUP_SIZE} messages a side nothing is concluded, however large the gap`, () => {
		let i = 0;
		const answers = [...exact(10, 20), ...exact(0, 20)];
		const outcomes = simulate(
			() => answers[i++],
			[
				{ cta: 'question', n: 20, rate: 0.5 },
				{ cta: 'meeting', n: 20, rate: 0.5 },
			],
		);
		expect(compareGroups(outcomes, 'ctaType').map((f) => f.credible)).toEqual([false, false]);
	});

	it('pending messages (still answerable) are left out', () => {
		const outcomes = simulate(random(1), [{ cta: 'question', n: 40, rate: 0.5 }]).map((o) => ({
			...o,
			outcome: 'pending' as const,
		}));
		expect(compareGroups(outcomes, 'ctaType')).toEqual([]);
	});

	it("the campaign's results list the credible difference, and nothing for noise", () => {
		const real = summarizeOutcomes(
			simulate(random(7), [
				{ cta: 'question', n: 300, rate: 0.2 },
				{ cta: 'meeting', n: 300, rate: 0.06 },
			]),
		);
		expect(real.findings.map((f) => [f.feature, f.value, f.difference > 0])).toEqual([
			['ctaType', 'meeting', false],
			['ctaType', 'question', true],
		]);
		const noise = summarizeOutcomes(
			simulate(random(7), [
				{ cta: 'question', n: 300, rate: 0.1 },
				{ cta: 'meeting', n: 300, rate: 0.1 },
			]),
		);
		expect(noise.findings).toEqual([]);
		expect(noise.sent).toBe(600);
	});

	it('variants: a real difference between A and B is found with its numbers; equal ones are not', () => {
		const real = summarizeOutcomes(
			simulate(random(11), [
				{ cta: 'question', variant: 'A', n: 400, rate: 0.18 },
				{ cta: 'question', variant: 'B', n: 400, rate: 0.08 },
			]),
		);
		const [a, b] = real.perVariant;
		expect([a.variant, a.sent, b.variant, b.sent]).toEqual(['A', 400, 'B', 400]);
		expect(a.replyRate).toBeGreaterThan(b.replyRate);
		expect(a.interval.low).toBeGreaterThan(b.interval.high);
		const found = real.findings.filter((f) => f.feature === 'variant');
		expect(found.map((f) => [f.value, f.credible, f.difference > 0])).toEqual([
			['variant A', true, true],
			['variant B', true, false],
		]);
		expect(found[0].replyRate).toBe(a.replyRate);
		expect(found[0].rest.replyRate).toBe(b.replyRate);
		expect(found[0].difference).toBeCloseTo(a.replyRate - b.replyRate, 4);

		let noise = 0;
		for (let seed = 1; seed <= 200; seed++) {
			const summary = summarizeOutcomes(
				simulate(random(seed), [
					{ cta: 'question', variant: 'A', n: 400, rate: 0.12 },
					{ cta: 'question', variant: 'B', n: 400, rate: 0.12 },
				]),
			);
			if (summary.findings.some((f) => f.feature === 'variant')) noise++;
		}
		expect(noise / 200).toBeLessThanOrEqual(0.07);
	});
});
