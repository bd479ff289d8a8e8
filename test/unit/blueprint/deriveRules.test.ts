import { deriveRules } from '../../../nodes/engine/blueprint/deriveRules';
import { QUANTILE_GRID } from '../../../nodes/engine/stats/intervals';
import { DEFAULT_THRESHOLDS } from '../../../nodes/engine/blueprint/thresholds';
import {
	type Aggregates,
	CATEGORICAL_FEATURES,
	type Distribution,
	type GroupStats,
	NUMERIC_FEATURES,
	RATES,
} from '../../../nodes/engine/blueprint/types';

/** n values spread evenly from `low` to `high`, as the SQL grid would read them. */
const spread = (n: number, low: number, high: number): Distribution => ({
	n,
	mean: (low + high) / 2,
	quantiles: QUANTILE_GRID.map((q) => low + q * (high - low)),
});

function group(name: string, build: (g: GroupStats) => void): GroupStats {
	const g: GroupStats = {
		group: name,
		emails: 40,
		followUps: 20,
		numeric: Object.fromEntries(
			NUMERIC_FEATURES.map((f) => [f, spread(40, 10, 12)]),
		) as GroupStats['numeric'],
		categories: Object.fromEntries(
			CATEGORICAL_FEATURES.map((f) => [f, {}]),
		) as GroupStats['categories'],
		rates: Object.fromEntries(RATES.map((r) => [r, { count: 0, n: 40 }])) as GroupStats['rates'],
		gapByStep: {},
		touches: spread(20, 2, 2),
		window: { from: null, to: null },
	};
	build(g);
	return g;
}

function aggregates(build: (g: GroupStats) => void): Aggregates {
	const all = group('all', build);
	return {
		emails: { total: 40, featurized: 40, brand: 0, competitor: 40 },
		followUps: 20,
		groups: {
			all,
			brand: group('brand', () => undefined),
			competitors: all,
			'competitor:Globex': all,
		},
	};
}

describe('deriving the rules from aggregates', () => {
	it("shows a default's own share as its evidence, and names the common value it did not follow", () => {
		const rules = deriveRules(
			aggregates((g) => {
				g.categories.cta_type['1'] = { calendar_link: 38, interest_question: 2 };
			}),
			'all',
			DEFAULT_THRESHOLDS,
		);
		const touch1 = rules.dos.find((r) => r.id === 'cta_step_1');
		expect(touch1).toMatchObject({
			text: 'Touch 1: ask with interest question',
			basis: 'default',
			values: ['interest_question'],
			evidence: { n: 40, count: 2, share: 0.05 },
			note: '95 % of the analysed mail uses calendar_link; the Blueprint does not recommend it',
		});
	});

	it('rests a cap and its confidence on the share of mail within it', () => {
		const rules = deriveRules(
			aggregates((g) => {
				// A quarter of the emails carry one link.
				g.numeric.link_count = {
					n: 40,
					mean: 0.25,
					quantiles: QUANTILE_GRID.map((q) => (q > 0.75 ? 1 : 0)),
				};
			}),
			'all',
			DEFAULT_THRESHOLDS,
		);
		const links = rules.limits.find((r) => r.id === 'links');
		expect(links).toMatchObject({
			text: 'Links per email at most: 0',
			basis: 'data',
			max: 0,
			evidence: { n: 40, count: 30, share: 0.75 },
		});
		expect(links?.confidence).toBeLessThan(0.75);
		expect(links?.confidence).toBe(links?.evidence?.interval?.[0]);
	});

	it('keeps the no-meeting-ask default on touch 1 even when most competitors open with one', () => {
		const rules = deriveRules(
			aggregates((g) => {
				g.categories.cta_type['1'] = { meeting_ask: 18, interest_question: 2 };
			}),
			'all',
			DEFAULT_THRESHOLDS,
		);
		expect(rules.dos.find((r) => r.id === 'cta_step_1')).toMatchObject({
			basis: 'default',
			values: ['interest_question'],
			note: '90 % of the analysed mail uses meeting_ask; the Blueprint does not recommend it',
		});
		expect(rules.donts.find((r) => r.id === 'hard_cta_first_touch')).toMatchObject({
			basis: 'default',
			evidence: expect.objectContaining({ n: 20, count: 18, share: 0.9 }),
			note: '90 % of the analysed mail does it; the rule stands',
		});
	});

	it('drops a split preference and says why', () => {
		const rules = deriveRules(
			aggregates((g) => {
				g.touches = spread(20, 3, 3);
				g.categories.cta_type['2'] = { interest_question: 11, reply_request: 9 };
			}),
			'all',
			DEFAULT_THRESHOLDS,
		);
		expect(rules.dos.find((r) => r.id === 'cta_step_2')).toMatchObject({
			basis: 'default',
			values: ['interest_question', 'reply_request'],
		});
		expect(rules.dropped.find((d) => d.id === 'cta_step_2')?.reason).toBe(
			'share 0.55 (95 % interval 0.34–0.74) is not a clear majority (low end under 0.5)',
		);
	});

	it('keeps a default when the data lies outside the outer bounds, and drops a wide median', () => {
		const rules = deriveRules(
			aggregates((g) => {
				g.numeric.word_count = spread(40, 280, 320);
				g.numeric.subject_chars = spread(40, 5, 70);
			}),
			'all',
			DEFAULT_THRESHOLDS,
		);
		expect(rules.limits.find((r) => r.id === 'words')).toMatchObject({
			basis: 'default',
			min: 40,
			max: 90,
			note: "the analysed mail's median (300) is outside 10–200; the default stands",
		});
		expect(rules.limits.find((r) => r.id === 'subject_chars')).toMatchObject({ basis: 'default' });
		expect(rules.dropped.find((d) => d.id === 'subject_chars')?.reason).toMatch(
			/^the median's 95 % interval [\d.]+–[\d.]+ is wider than 50 % of the median 37\.5$/,
		);
	});

	it('learns the touches from thread lengths and never a same-day follow-up', () => {
		const rules = deriveRules(
			aggregates((g) => {
				g.touches = spread(30, 4, 4);
				g.gapByStep = { '2': spread(30, 0.1, 0.3), '3': spread(30, 5, 7), '4': spread(30, 9, 11) };
			}),
			'all',
			DEFAULT_THRESHOLDS,
		);
		expect(rules.cadence.map((r) => [r.id, r.basis, r.min, r.max])).toEqual([
			['touches', 'data', 4, 4],
			['gap_step_2', 'data', 1, 1],
			['gap_step_3', 'data', 5, 7],
			['gap_step_4', 'data', 9, 11],
		]);
	});
});
