import { lintDraft } from '../../../nodes/engine/enforcer/lintDraft';
import { indexNames, namesIn } from '../../../nodes/engine/grounding/foreignNames';
import type { BlueprintBody } from '../../../nodes/engine';

const body = {
	schemaVersion: 1,
	campaign: { name: 'Q3', brand: 'Northwind', competitors: ['Globex', 'Initech'] },
	learnFrom: 'all',
	lowData: { isLow: false, warnings: [] },
	limits: [],
	cadence: [],
	dos: [],
	donts: [],
	dropped: [],
	synthesis: {
		path: 'deterministic',
		positioning: 'Northwind: Acme Robotics closed in three days with us.',
		valuePropositions: [],
		tone: '',
		openingGuidance: '',
		exampleSubjects: [],
	},
	corpusCompanies: ['prospecta', 'blueharbor', 'acmerobotics'],
} as unknown as BlueprintBody;

const others = [
	{ key: 'vandelay', name: 'Vandelay', kind: 'another prospect' as const, prospectId: 'p2' },
	{ key: 'kimlee', name: 'Kim Lee', kind: 'another prospect' as const, prospectId: 'p2' },
];

const lint = (text: string, to = 'sam@hooli.example.com', company = 'Hooli') =>
	lintDraft(body, {
		step: 1,
		subject: 'Close at Hooli',
		body: text,
		to,
		company,
		prospectId: 'p1',
		prospectNames: indexNames(others),
	})
		.violations.filter((v) => v.rule === 'foreign_names')
		.map((v) => v.message);

describe('the enforcer keeps other people’s names out of a draft', () => {
	it('flags competitors, the analysed mail’s companies and other prospects', () => {
		expect(
			lint(
				'Hi Sam,\n\nLike Prospecta, Blue Harbor and Vandelay, you could close faster than with Globex. Kim Lee agrees.\n\nWorth a look?',
			),
		).toEqual([
			'Names Prospecta, company of the analysed mail: a draft speaks only of its own prospect',
			'Names Blue Harbor, company of the analysed mail: a draft speaks only of its own prospect',
			'Names Vandelay, another prospect: a draft speaks only of its own prospect',
			'Names Globex, a competitor: a draft speaks only of its own prospect',
			'Names Kim Lee, another prospect: a draft speaks only of its own prospect',
		]);
	});

	it('lets through the prospect’s own company, the brand, names the Blueprint vouches for, and lower case', () => {
		expect(
			lint(
				'Hi Sam,\n\nNorthwind helped Acme Robotics close in three days; Hooli could too. A bright idea, a vandelay of sorts.\n\nWorth a look?',
			),
		).toEqual([]);
		// The prospect at Prospecta may be told about Prospecta.
		expect(
			lint(
				'Hi Sam,\n\nProspecta just opened in Austin.\n\nWorth a look?',
				'sam@prospecta.example.com',
				'Prospecta',
			),
		).toEqual([]);
	});

	it('matches names of up to three words, possessives included', () => {
		const names = [
			{ key: 'bluehaborinc', name: 'x', kind: 'competitor' as const },
			{ key: 'blueharbor', name: 'Blue Harbor', kind: 'competitor' as const },
		];
		expect(namesIn("Blue Harbor's team", names).map((n) => n.name)).toEqual(['Blue Harbor']);
	});
});
