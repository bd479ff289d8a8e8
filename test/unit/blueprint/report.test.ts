import { QUANTILE_GRID } from '../../../nodes/engine/stats/intervals';
import { competitorDifferences } from '../../../nodes/engine/blueprint/report/competitorDifferences';
import { renderReport } from '../../../nodes/engine/blueprint/report/renderReport';
import {
	CHAR_WIDTH,
	legendLayout,
	stackedShares,
} from '../../../nodes/engine/blueprint/report/svgCharts';
import { DEFAULT_THRESHOLDS } from '../../../nodes/engine/blueprint/thresholds';
import type { BlueprintBody, BlueprintInputs, GroupStats } from '../../../nodes/engine';
import {
	CATEGORICAL_FEATURES,
	NUMERIC_FEATURES,
	RATES,
} from '../../../nodes/engine/blueprint/types';

const flat = (n: number, value: number) => ({
	n,
	mean: value,
	quantiles: QUANTILE_GRID.map(() => value),
});

/** A source group whose first touches ask with `cta` and whose follow-ups come `gap` days later. */
function source(name: string, n: number, cta: Record<string, number>, gap: number): GroupStats {
	return {
		group: name,
		emails: n,
		followUps: n,
		numeric: Object.fromEntries(
			NUMERIC_FEATURES.map((f) => [f, flat(n, 40)]),
		) as GroupStats['numeric'],
		categories: {
			...(Object.fromEntries(CATEGORICAL_FEATURES.map((f) => [f, {}])) as GroupStats['categories']),
			cta_type: { '1': cta },
		},
		rates: Object.fromEntries(RATES.map((r) => [r, { count: 0, n }])) as GroupStats['rates'],
		gapByStep: { '2': flat(n, gap) },
		touches: flat(n, 3),
		window: { from: null, to: null },
	};
}

const body: BlueprintBody = {
	schemaVersion: 1,
	campaign: { name: 'C', brand: 'North<script>wind', competitors: ['Glo|bex'] },
	learnFrom: 'all',
	lowData: {
		isLow: true,
		warnings: [{ code: 'too_few_emails', message: 'Only 3 emails.', add: 'Add more.' }],
	},
	limits: [
		{
			id: 'words',
			kind: 'limit',
			text: 'Body length in words: 50–125',
			basis: 'default',
			confidence: null,
			min: 50,
			max: 125,
			evidence: null,
		},
	],
	cadence: [],
	dos: [],
	donts: [],
	dropped: [{ id: 'words', reason: 'only 3 values | (a rule needs 10)', evidence: null }],
	synthesis: {
		path: 'deterministic',
		positioning: '<img src=x onerror=alert(1)> positioning',
		valuePropositions: [],
		tone: 'Plain',
		openingGuidance: 'Open well',
		exampleSubjects: ['Idea for {{company}}'],
	},
};
const inputs: BlueprintInputs = {
	window: { from: null, to: null, since: null, until: null },
	emails: { total: 3, featurized: 3, brand: 0, competitor: 3 },
	followUps: 0,
	thresholds: DEFAULT_THRESHOLDS,
	groups: {},
};

describe('the Blueprint report', () => {
	it('escapes every text that may come from email or a model, and keeps tables whole', () => {
		const { html, markdown } = renderReport({ version: 2, body, inputs });
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; positioning');
		expect(html).toContain('<title>Blueprint v2 — North&lt;script&gt;wind</title>');
		expect(markdown).toContain('| words | only 3 values \\| (a rule needs 10) |');
		expect(html).toContain('<td>only 3 values | (a rule needs 10)</td>');
		expect(markdown).toContain('## Low data');
	});

	it('renders the same bytes for the same Blueprint', () => {
		expect(renderReport({ version: 1, body, inputs })).toEqual(
			renderReport({ version: 1, body, inputs }),
		);
	});

	it('says what the competitors do differently, in sentences with their numbers', () => {
		const competitors = source('competitors', 12, { meeting_ask: 8, calendar_link: 4 }, 2);
		const groups = {
			brand: source('brand', 9, { interest_question: 9 }, 4),
			competitors,
			'competitor:Globex': competitors,
		};
		expect(competitorDifferences({ ...inputs, groups })).toEqual([
			'Globex asks for a meeting at a set time or sends a calendar link on 100 % of first touches (12 of 12); the brand on 0 % (0 of 9).',
			'Globex sends a calendar link on 33 % of first touches (4 of 12); the brand on 0 % (0 of 9).',
			'Globex follows up after a median of 2 days; the brand 4.',
		]);
		const { markdown } = renderReport({ version: 1, body, inputs: { ...inputs, groups } });
		expect(markdown).toContain(
			'## What the competitors do differently\n\n- Globex asks for a meeting',
		);
		expect(competitorDifferences({ ...inputs, groups: { competitors } })[0]).toMatch(
			/^No brand mail was analysed/,
		);
	});

	it('lays legends out by their own width: no two entries overlap, long ones wrap', () => {
		const labels = [
			'interest question',
			'reply request',
			'meeting ask',
			'calendar link',
			'other link',
			'several',
			'none',
		];
		const { items, height } = legendLayout(labels);
		for (let i = 1; i < items.length; i++) {
			const [a, b] = [items[i - 1], items[i]];
			if (a.row === b.row)
				expect(b.x).toBeGreaterThanOrEqual(a.x + 14 + a.text.length * CHAR_WIDTH);
			expect(b.x + 14 + b.text.length * CHAR_WIDTH).toBeLessThanOrEqual(640);
		}
		expect(new Set(items.map((i) => i.row)).size).toBeGreaterThan(1);
		expect(height).toBe(18 * (items.at(-1)!.row + 1));
		// The chart is tall enough for every legend row.
		const svg = stackedShares(
			'CTA mix',
			[{ label: 'brand', counts: { none: 1 } }],
			labels.map((l) => l.replace(/ /g, '_')),
		);
		const svgHeight = Number(/ height="(\d+)"/.exec(svg)?.[1]);
		const lastRowY = Math.max(
			...[...svg.matchAll(/<text x="\d+(?:\.\d+)?" y="(\d+)">/g)].map((m) => Number(m[1])),
		);
		expect(lastRowY).toBeLessThan(svgHeight);
	});
});
