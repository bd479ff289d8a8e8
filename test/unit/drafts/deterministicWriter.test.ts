import type { BlueprintBody, Rule } from '../../../nodes/engine/blueprint/types';
import { deterministicSequence } from '../../../nodes/engine/drafts/deterministicWriter';
import { lintDraft } from '../../../nodes/engine/enforcer/lintDraft';
import { sentencesOf } from '../../../nodes/engine/features/textParts';
import { defaultsBlueprint } from './defaultsBlueprint';

/** The defaults Blueprint with learned word and grade limits and the campaign's own words. */
function learned(words: [number, number], grade: number, values: string[]): BlueprintBody {
	const body = defaultsBlueprint();
	const set = (id: string, bounds: Partial<Rule>) => {
		const rule = body.limits.find((r) => r.id === id) as Rule;
		Object.assign(rule, bounds, { basis: 'data' });
	};
	set('words', { min: words[0], max: words[1] });
	set('reading_grade', { max: grade });
	body.synthesis = {
		...body.synthesis,
		positioning: 'Northwind: Northwind makes onboarding software for sales teams.',
		valuePropositions: values,
		exampleSubjects: ['Ramp time at {{company}}', 'New reps at {{company}}'],
	};
	return body;
}

const ctx = {
	brand: 'Northwind',
	senderName: 'Dana',
	// The brand's own sentences from its mail (brandMaterial): what fills a touch, never filler.
	brandSentences: [
		'Reps learn the product in their first week.',
		'Managers see who is stuck before it costs a deal.',
		'Northwind answers the questions new reps ask most.',
		'Every answer links to the page it came from.',
		'Reps ask in the chat tool they already use.',
	],
};
const prospect = (i: number, signal?: string) => ({
	email: `p${i}@company${i}.example.com`,
	firstName: ['Ana', 'Ben', 'Cleo', 'Dev'][i % 4],
	company: `Company${i}`,
	signals: signal ? { recent_news: signal } : ({} as Record<string, string>),
});

const lintAll = (
	body: BlueprintBody,
	touches: ReturnType<typeof deterministicSequence>,
	to: string,
) =>
	touches.map((t, i) =>
		lintDraft(body, {
			step: t.step,
			subject: t.subject,
			body: t.bodyText,
			to,
			previousBodies: touches.slice(0, i).map((x) => x.bodyText),
		}),
	);

describe('the deterministic writer', () => {
	it('aims at a learned short, plain Blueprint: every draft of 200 prospects passes', () => {
		const body = learned([25, 32], 4, [
			'New reps reach quota 40% faster.',
			'Managers save five hours a week.',
			'Reps get answers in the tools they use.',
		]);
		const verdicts = Array.from({ length: 200 }, (_, i) => {
			const p = prospect(i, i % 3 ? undefined : 'your team hired ten reps');
			return lintAll(body, deterministicSequence(body, ctx, p), p.email);
		}).flat();
		const failing = verdicts.filter((v) => !v.passed);
		expect(failing.map((v) => v.violations)).toEqual([]);
		expect(verdicts).toHaveLength(600);
		expect(Math.max(...verdicts.map((v) => v.measured.readingGrade ?? 0))).toBeLessThanOrEqual(4);
		expect(Math.max(...verdicts.map((v) => v.measured.words))).toBeLessThanOrEqual(32);
	});

	it('variants of one prospect differ in subject and first ask, keep the Blueprint, and pass', () => {
		const body = learned([25, 40], 6, [
			'New reps reach quota 40% faster.',
			'Managers save five hours a week.',
		]);
		for (let i = 0; i < 50; i++) {
			const p = prospect(i);
			const [a, b] = [0, 1].map((v) => deterministicSequence(body, ctx, p, v));
			expect(a[0].subject).not.toBe(b[0].subject);
			const askOf = (t: (typeof a)[number]) => t.bodyText.split('\n\n').at(-2);
			expect(askOf(a[0])).not.toBe(askOf(b[0]));
			expect(a.map((t) => [t.step, t.sendOffsetDays, t.ctaType])).toEqual(
				b.map((t) => [t.step, t.sendOffsetDays, t.ctaType]),
			);
			expect(b[0].used).toContain('variant:B');
			expect(lintAll(body, b, p.email).filter((v) => !v.passed)).toEqual([]);
		}
	});

	it('gives each touch its own purpose and never repeats a sentence in a sequence', () => {
		const body = learned([30, 60], 8, [
			'New reps reach quota 40% faster.',
			'Managers save five hours a week on repeat questions.',
			'Teams like Copper cut ramp time in half.',
		]);
		const touches = deterministicSequence(
			body,
			ctx,
			prospect(1, 'Company1 hired twelve reps for the new region'),
		);
		const sentences = touches.flatMap((t) =>
			sentencesOf(t.bodyText.split('\n\n').slice(1, -1).join('\n')),
		);
		expect(sentences.length).toBeGreaterThan(6);
		expect(new Set(sentences).size).toBe(sentences.length);
		expect(touches[0].bodyText).toContain(
			'I saw that Company1 hired twelve reps for the new region.',
		);
		// Touch 3 is the close: its ask lets go, and it still brings what no earlier touch said.
		expect(touches[2].bodyText).toMatch(/I will (stop here|check back)/);
		expect(
			touches[2].used.filter((u) => /^(valueProposition|brandMail):/.test(u)).length,
		).toBeGreaterThanOrEqual(1);
		expect(lintAll(body, touches, 'p1@company1.example.com').every((l) => l.passed)).toBe(true);
	});

	it('quotes a signal whose first sentence holds an abbreviation whole', () => {
		const body = learned([20, 60], 8, ['New reps reach quota 40% faster.']);
		const [first] = deterministicSequence(
			body,
			ctx,
			prospect(2, 'Lovelace made the Inc. 5000 list this year. They grew 300%.'),
		);
		expect(first.bodyText).toContain('I saw that Lovelace made the Inc. 5000 list this year.\n');
		expect(first.bodyText).not.toContain('made me think of');
	});

	it('says up front which rule it cannot meet and why', () => {
		const body = learned([20, 40], 3, [
			'Comprehensive organizational transformation necessitates multidimensional institutionalization.',
		]);
		body.synthesis.positioning =
			'Northwind: Northwind institutionalizes comprehensive organizational transformation.';
		const [first] = deterministicSequence(body, { brand: 'Northwind' }, prospect(3));
		expect(first.notes?.join(' ')).toMatch(
			/^reading grade [\d.]+ is over the Blueprint's 3: the campaign's value sentences read at grade [\d.]+ or more/,
		);
	});

	it('writes each touch from what the brand itself writes at that touch, closest to the prospect first', () => {
		const body = learned([20, 60], 8, ['New reps reach quota 40% faster.']);
		const second = 'Managers see who is stuck before it costs a deal.';
		const touched = deterministicSequence(
			body,
			{ ...ctx, brandSentenceTouch: { [second]: 2 } },
			prospect(5),
		);
		expect(touched[1].bodyText.split('\n\n')[1]).toBe(second);
		const coach = 'Reps ask in the chat tool they already use.';
		const [first] = deterministicSequence(body, ctx, {
			...prospect(6),
			title: 'Head of chat support',
		});
		// After the positioning, the sentence sharing the prospect's own words ("chat").
		expect(first.bodyText.split('\n\n').slice(1, 3)).toEqual([
			'Northwind makes onboarding software for sales teams.',
			coach,
		]);
	});
});
