import {
	createCampaign,
	editDraft,
	extractFeatures,
	generateDrafts,
	getBlueprint,
	ingestMessages,
	listDrafts,
	prospectFromRecord,
	synthesizeBlueprint,
} from '../../nodes/engine';
import { NORTHWIND_CONTEXT, threeDayInterestCorpus } from '../fixtures/blueprintCorpus';
import { message } from '../fixtures/salesCorpus';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

/** First touches that carry their own prospect's facts, or a competitor's own pitch. */
const specificMail = [
	message(
		's1',
		'sam@globex.example.com',
		'kim@blueharbor.example.net',
		1,
		'Your new site in Austin',
		'Hi Kim,\n\nCongrats on the Austin site. Is ramp time a priority?\n\nSam',
	),
	message(
		's2',
		'sam@globex.example.com',
		'lu@vandelay.example.net',
		2,
		'Vandelay made the Inc 5000',
		'Hi Lu,\n\nCongrats on the Inc 5000. Is ramp time a priority?\n\nSam',
	),
	...['ana@acme.example.net', 'ben@binford.example.net', 'cleo@cyberdyne.example.net'].map(
		(to, i) =>
			message(
				`i${i}`,
				'rep@initech.example.com',
				to,
				3 + i,
				'Initech BI: the leading BI platform',
				'Hi,\n\nInitech BI is the leading BI platform. Worth a look?\n\nRep',
			),
	),
	...['dev@dunder.example.net', 'eli@encom.example.net'].map((to, i) =>
		message(
			`h${i}`,
			'sam@globex.example.com',
			to,
			6 + i,
			'<b>Ramp time</b> for you',
			'Hi,\n\nIs ramp time a priority?\n\nSam',
		),
	),
];

/** Ten prospects no analysed mail was written to. */
const prospects = Array.from({ length: 10 }, (_, i) =>
	prospectFromRecord(
		{ email: `p${i}@newco${i}.example.org`, first_name: `P${i}`, company: `Newco${i}` },
		`row ${i + 1}`,
	),
);

describe.each(STORE_KINDS)('no foreign facts in a Blueprint or its drafts on %s', (kind) => {
	let store: TestStore;
	let campaignId: string;
	beforeAll(async () => {
		store = await openTestStore(kind);
		({ id: campaignId } = await createCampaign(store.engine, {
			brand: { name: 'Northwind' },
			competitors: [{ name: 'Globex' }, { name: 'Initech' }],
			additionalContext: NORTHWIND_CONTEXT,
			sender: { name: 'Dana', email: 'dana@northwind.example.com', postalAddress: '1 Main St' },
		}));
		await ingestMessages(store.engine, { campaignId, source: 'competitor', competitor: 'Globex' }, [
			...threeDayInterestCorpus('Globex', 'Sam'),
			...specificMail.filter((m) => !JSON.stringify(m).includes('initech')),
		]);
		await ingestMessages(
			store.engine,
			{ campaignId, source: 'competitor', competitor: 'Initech' },
			specificMail.filter((m) => JSON.stringify(m).includes('initech')),
		);
		await extractFeatures(store.engine, campaignId);
		await synthesizeBlueprint(store.engine, campaignId);
	});
	afterAll(async () => {
		await store?.dispose();
	});

	it('offers only subjects that generalize, and writes no one else’s facts into ten prospects’ drafts', async () => {
		const blueprint = await getBlueprint(store.engine, campaignId);
		expect(blueprint.body.synthesis.exampleSubjects[0]).toBe('Ramp time at {{company}}');
		expect(blueprint.body.synthesis.exampleSubjects.join(' ')).not.toMatch(
			/Austin|Inc|Initech|<|Vandelay/,
		);
		expect(blueprint.body.corpusCompanies).toEqual(
			expect.arrayContaining(['acme', 'blueharbor', 'vandelay']),
		);

		await generateDrafts(store.engine, campaignId, prospects);
		const drafts = await listDrafts(store.engine, campaignId);
		expect(drafts).toHaveLength(30);
		for (const d of drafts) {
			expect(`${d.subject}\n${d.bodyText}`).not.toMatch(
				/Austin|Inc 5000|Initech|Globex|Acme|Blue ?Harbor|Vandelay|<b>/i,
			);
		}
		expect(drafts.every((d) => d.lintPassed)).toBe(true);
	});

	it('sends a draft edited to name another company of the corpus, a competitor or another prospect to needs_edit', async () => {
		const [first] = await listDrafts(store.engine, campaignId, { limit: 1 });
		const edited = await editDraft(
			store.engine,
			campaignId,
			first.id,
			{
				bodyText:
					'Hi P0,\n\nBlue Harbor and Newco7 switched from Globex last year.\n\nIs this a priority for Newco0?\n\nDana',
			},
			'reviewer@northwind',
		);
		expect(edited.status).toBe('needs_edit');
		expect(
			edited.lint.violations.filter((v) => v.rule === 'foreign_names').map((v) => v.message),
		).toEqual([
			'Names Blue Harbor, company of the analysed mail: a draft speaks only of its own prospect',
			'Names Newco7, another prospect: a draft speaks only of its own prospect',
			'Names Globex, a competitor: a draft speaks only of its own prospect',
		]);
	});
});
