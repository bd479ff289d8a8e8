import {
	applyDecision,
	approvalPage,
	approvalSummary,
	approvalSummaryPage,
	createCampaign,
	editDraft,
	extractFeatures,
	fileMessages,
	generateDrafts,
	ingestMessages,
	type IngestItem,
	listBlueprints,
	type PageDraft,
	prospectFromRecord,
	synthesizeBlueprint,
} from '../../nodes/engine';
import { threeDayInterestCorpus } from '../fixtures/blueprintCorpus';
import { notMail } from '../fixtures/mail';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

async function* files(
	list: Array<{ fileName: string; content: Buffer }>,
): AsyncGenerator<IngestItem> {
	for (const file of list) yield* fileMessages(file);
}

const REVIEWER = 'jane@northwind.example.com';

describe.each(STORE_KINDS)('the approval page, its decision and its summary on %s', (kind) => {
	let store: TestStore;
	let campaignId: string;
	let listing: PageDraft[];
	const draft = (email: string, step: number) =>
		listing.find((d) => d.prospectEmail === email && d.step === step)!;

	beforeAll(async () => {
		store = await openTestStore(kind);
		const { engine } = store;
		campaignId = (
			await createCampaign(engine, {
				brand: { name: 'Northwind' },
				competitors: [{ name: 'Globex' }],
				sender: { name: 'Dana', email: 'dana@northwind.example.com', postalAddress: '1 Main St' },
			})
		).id;
		await ingestMessages(
			engine,
			{ campaignId, source: 'competitor', competitor: 'Globex' },
			(async function* () {
				yield* threeDayInterestCorpus('Globex', 'Sam');
				yield* files([{ fileName: 'shopping.eml', content: notMail }]);
			})(),
		);
		await extractFeatures(engine, campaignId);
		await synthesizeBlueprint(engine, campaignId);
		await generateDrafts(
			engine,
			campaignId,
			[
				{ email: 'ana@acme.example.net', first_name: 'Ana', company: 'Acme' },
				{ email: 'ben@binford.example.net', first_name: 'Ben', company: 'Binford' },
				{ email: 'cleo@cyberdyne.example.net', first_name: 'Cleo', timezone: 'Mars/Olympus' },
			].map((r, i) => prospectFromRecord(r, `row ${i + 2}`)),
			{
				skipped: [
					{ row: 5, error: 'prospects.csv, line 5: "not-an-email" is not a valid email address' },
				],
			},
		);
		// One of Cleo's touches breaks the Blueprint (an unresolved merge tag).
		const page = await approvalPage(engine, campaignId);
		const cleo2 = page.drafts.find((d) => d.prospectEmail.startsWith('cleo') && d.step === 2)!;
		await editDraft(
			engine,
			campaignId,
			cleo2.id,
			{ bodyText: 'Hi {{first_name}}, a quick one?' },
			REVIEWER,
		);
		listing = (await approvalPage(engine, campaignId)).drafts;
	});
	afterAll(() => store.dispose());

	it('numbers the open drafts (the prospect that needs an edit first) and says what went wrong upstream, with what to do', async () => {
		const page = await approvalPage(store.engine, campaignId, { continued: true });
		expect(page.drafts.map((d) => d.number)).toEqual(page.drafts.map((_, k) => k + 1));
		expect(page.drafts.slice(0, 3).map((d) => [d.prospectEmail, d.step])).toEqual([
			['cleo@cyberdyne.example.net', 1],
			['cleo@cyberdyne.example.net', 2],
			['cleo@cyberdyne.example.net', 3],
		]);
		expect(page.counts).toEqual({ drafts: 9, prospects: 3, passing: 8, needsEdit: 1 });
		expect(page.notes.map((n) => n.kind)).toEqual([
			'ingest_errors',
			'skipped_prospects',
			'flagged_prospects',
			'spam_check',
		]);
		expect(page.notes[0].details).toEqual([
			'shopping.eml: not an email: no From, Date, Subject or Message-ID header',
		]);
		expect(page.notes[1].details).toEqual([
			'row 5: prospects.csv, line 5: "not-an-email" is not a valid email address',
		]);
		expect(page.notes[2].details.join('\n')).toContain('unknown time zone "Mars/Olympus"');
		// The prospects are at example domains (RFC 2606): drafted, flagged as reaching no one.
		expect(page.notes[2].details[0]).toMatch(/^ana@acme\.example\.net: .*reserved for examples/);
		expect(page.notes[3].message).toBe('The drafts were not scored by a spam filter');
		expect(page.html).toContain('<h3>Before you approve</h3>');
		expect(page.html).toContain('continued: a campaign for this brand was already active');
		expect(page.html).toContain('9 drafts for 3 prospects: 8 pass the Blueprint, 1 need an edit');
		expect(page.html).toContain('<b>Draft 1</b> · ID <code>');
		// The page's own parts use only tags n8n's form keeps (it drops ids and sections; the cards'
		// article and header tags go, their text stays).
		expect(page.html).not.toMatch(/<section\b| id="/);
	});

	it('carries out the good part of a decision with a typo in it, rejects per draft, and reports the rest', async () => {
		const ana1 = draft('ana@acme.example.net', 1);
		const ana2 = draft('ana@acme.example.net', 2);
		const ben1 = draft('ben@binford.example.net', 1);
		const ben2 = draft('ben@binford.example.net', 2);
		const cleo2 = draft('cleo@cyberdyne.example.net', 2);
		const decided = await applyDecision(
			store.engine,
			campaignId,
			{
				decision: 'Approve only the drafts listed',
				approve: `${ana1.number}, ${ana2.id.slice(0, 8)}\n${ben2.number} 99 ${cleo2.number} x7`,
				reject: `#${ben1.number}`,
				reason: 'Ben asked for mail after January',
				listing,
			},
			REVIEWER,
		);
		expect(decided.approved.map((d) => d.number).sort()).toEqual(
			[ana1.number, ana2.number, ben2.number].sort(),
		);
		expect(decided.rejected.map((d) => d.number)).toEqual([ben1.number]);
		expect(decided.notDone).toEqual([
			expect.objectContaining({
				number: cleo2.number,
				reason: expect.stringMatching(/^needs an edit first: /),
			}),
			{ ref: '99', reason: 'under Approve: no draft has this number on the page (1–9)' },
			{ ref: 'x7', reason: 'under Approve: not a draft number or ID' },
		]);

		const summary = await approvalSummary(store.engine, campaignId);
		expect(summary).toMatchObject({
			drafts: { approved: 3, rejected: 1, pending_approval: 4, needs_edit: 1 },
			sendable: 2,
			blocked: [
				{
					prospectEmail: 'ben@binford.example.net',
					step: 2,
					reason:
						'touch 1 was rejected: touch 2 waits until touch 1 is approved and sent, so as things stand it is never sent',
				},
			],
			notDone: decided.notDone,
			sendingBlockedBy: [],
		});
		// Approved just now: due now; a real provider waits for the window (Mon–Fri 08–18 UTC).
		expect(Date.parse(summary.firstDueAt!)).toBeLessThanOrEqual(Date.now());
		expect(Date.parse(summary.firstWindowAt!)).toBeGreaterThanOrEqual(
			Date.parse(summary.firstDueAt!),
		);
		const { html } = await approvalSummaryPage(store.engine, campaignId);
		expect(html).toContain(
			'Approved: <b id="approved">3</b>, of which <b id="sendable">2</b> queued for sending and 1 blocked (see below)',
		);
		expect(html).toContain(
			'<li><b>99</b>: under Approve: no draft has this number on the page (1–9)</li>',
		);
	});

	it('changes nothing twice: the same form submitted again reports what is already decided', async () => {
		const ana1 = draft('ana@acme.example.net', 1);
		const ben1 = draft('ben@binford.example.net', 1);
		const again = await applyDecision(
			store.engine,
			campaignId,
			{
				decision: 'Approve only the drafts listed',
				approve: `${ana1.number}`,
				reject: '',
				listing,
			},
			REVIEWER,
		);
		expect(again.approved).toEqual([]);
		expect(again.notDone).toEqual([
			expect.objectContaining({ number: ana1.number, reason: 'already approved' }),
		]);
		// The same page submitted twice at once (a double click): one approval, one report.
		const cleo3 = draft('cleo@cyberdyne.example.net', 3);
		const twice = await Promise.all(
			[1, 2].map(() =>
				applyDecision(
					store.engine,
					campaignId,
					{ decision: 'Approve only the drafts listed', approve: `${cleo3.number}`, listing },
					REVIEWER,
				),
			),
		);
		expect(twice.map((t) => t.approved.length).sort()).toEqual([0, 1]);
		expect(twice.flatMap((t) => t.notDone.map((n) => n.reason))).toEqual(['already approved']);
		// An answer that is none of the page's choices changes nothing and says so.
		const unknown = await applyDecision(
			store.engine,
			campaignId,
			{ decision: 'Approve everything!', reject: `${ben1.number}`, listing },
			REVIEWER,
		);
		expect(unknown.mode).toBeNull();
		expect(unknown.notDone.at(-1)?.reason).toMatch(/^no decision was chosen/);
		expect((await approvalSummary(store.engine, campaignId)).drafts).toMatchObject({
			approved: 4,
			rejected: 1,
		});
	});

	it('approves all passing drafts but the rejected ones, and rejects all on request', async () => {
		const cleo1 = draft('cleo@cyberdyne.example.net', 1);
		const passing = await applyDecision(
			store.engine,
			campaignId,
			{ decision: 'Approve all passing drafts', reject: `${cleo1.number}`, listing },
			REVIEWER,
		);
		expect(passing.rejected.map((d) => d.number)).toEqual([cleo1.number]);
		// Cleo's third touch is approved, behind a rejected first and a second that needs an edit.
		const summary = await approvalSummary(store.engine, campaignId);
		expect(summary.blocked.map((b) => `${b.prospectEmail} ${b.step}`)).toEqual([
			'ben@binford.example.net 2',
			'ben@binford.example.net 3',
			'cleo@cyberdyne.example.net 3',
		]);
		const all = await applyDecision(
			store.engine,
			campaignId,
			{ decision: 'Reject all drafts', reason: 'wrong list', listing },
			REVIEWER,
		);
		expect(all.rejected).toHaveLength(listing.length);
		expect((await approvalSummary(store.engine, campaignId)).drafts).toEqual({ rejected: 9 });
	});

	it('keeps the active Blueprint when nothing it read changed, and writes a new version when the data did', async () => {
		const before = await listBlueprints(store.engine, campaignId);
		const again = await synthesizeBlueprint(store.engine, campaignId, { reuseUnchanged: true });
		expect(again).toMatchObject({ reused: true, version: before[0].version });
		expect(await listBlueprints(store.engine, campaignId)).toHaveLength(before.length);
		await ingestMessages(
			store.engine,
			{ campaignId, source: 'competitor', competitor: 'Globex' },
			threeDayInterestCorpus('Globex', 'Kim'),
		);
		await extractFeatures(store.engine, campaignId);
		const changed = await synthesizeBlueprint(store.engine, campaignId, { reuseUnchanged: true });
		expect(changed.reused).toBeUndefined();
		expect(changed.version).toBe(before.length + 1);
	});

	it('answers a summary link that names no campaign with a page that says so', async () => {
		expect(await approvalSummaryPage(store.engine, '<script>')).toMatchObject({ found: false });
		const missing = await approvalSummaryPage(store.engine, '00000000-0000-4000-8000-000000000000');
		expect(missing.found).toBe(false);
		expect(missing.html).toContain('No campaign to show');
	});
});
