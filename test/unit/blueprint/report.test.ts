import { renderReport } from '../../../nodes/engine/blueprint/report/renderReport';
import { DEFAULT_THRESHOLDS } from '../../../nodes/engine/blueprint/thresholds';
import type { BlueprintBody, BlueprintInputs } from '../../../nodes/engine';

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
});
