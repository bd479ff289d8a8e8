import {
	type BlueprintRecord,
	canonicalJson,
	createCampaign,
	diffBlueprints,
	extractFeatures,
	getBlueprint,
	ingestMessages,
	listBlueprints,
	rollbackBlueprint,
	type Rule,
	synthesizeBlueprint,
} from '../../nodes/engine';
import { threeDayInterestCorpus, tinyCorpus } from '../fixtures/blueprintCorpus';
import { brandCorpus } from '../fixtures/salesCorpus';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const rule = (b: BlueprintRecord, id: string): Rule => {
	const found = [...b.body.limits, ...b.body.cadence, ...b.body.dos, ...b.body.donts].find(
		(r) => r.id === id,
	);
	if (!found) throw new Error(`no rule ${id}`);
	return found;
};

describe.each(STORE_KINDS)('Blueprint on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(async () => {
		await store?.dispose();
	});

	async function campaignWith(
		competitors: Array<[string, string]>,
		additionalContext = '',
	): Promise<string> {
		const { engine } = store;
		const { id } = await createCampaign(engine, {
			name: 'Known answer',
			brand: { name: 'Northwind', website: 'https://northwind.example.com' },
			competitors: competitors.map(([name]) => ({ name })),
			additionalContext,
		});
		for (const [name, sender] of competitors) {
			await ingestMessages(
				engine,
				{ campaignId: id, source: 'competitor', competitor: name },
				threeDayInterestCorpus(name, sender),
			);
		}
		await extractFeatures(engine, id);
		return id;
	}

	it('learns a 3-day cadence and interest CTAs from competitors who all use them, with the evidence', async () => {
		const id = await campaignWith([
			['Globex', 'Sam'],
			['Initech', 'Pat'],
		]);
		const b = await synthesizeBlueprint(store.engine, id);
		expect(b.version).toBe(1);
		expect(b.status).toBe('active');
		expect(b.body.synthesis.path).toBe('deterministic');
		expect(b.body.lowData.isLow).toBe(false);
		expect(b.body.lowData.warnings.map((w) => w.code)).toEqual(['no_brand_mail', 'no_context']);

		expect(rule(b, 'touches')).toMatchObject({ basis: 'data', target: 3, min: 3, max: 3 });
		for (const step of [2, 3]) {
			expect(rule(b, `gap_step_${step}`)).toMatchObject({
				basis: 'data',
				min: 3,
				max: 3,
				text: `Touch ${step}: 3 days after touch ${step - 1}`,
				evidence: expect.objectContaining({
					n: 24,
					median: 3,
					bySource: {
						'competitor:Globex': { n: 12, median: 3 },
						'competitor:Initech': { n: 12, median: 3 },
					},
				}),
			});
		}
		for (const step of [1, 2, 3]) {
			expect(rule(b, `cta_step_${step}`)).toMatchObject({
				basis: 'data',
				values: ['interest_question'],
				evidence: expect.objectContaining({
					n: 24,
					count: 24,
					share: 1,
					bySource: {
						'competitor:Globex': { n: 12, share: 1 },
						'competitor:Initech': { n: 12, share: 1 },
					},
				}),
			});
			expect(rule(b, `cta_step_${step}`).confidence).toBeGreaterThan(0.85);
		}
		expect(rule(b, 'hard_cta_first_touch')).toMatchObject({
			kind: 'dont',
			basis: 'default',
			evidence: expect.objectContaining({ n: 24, count: 0, share: 0 }),
		});
		expect(b.body.synthesis.exampleSubjects[0]).toBe('Ramp time at {{company}}');
		expect(b.inputs.emails).toEqual({ total: 72, featurized: 72, brand: 0, competitor: 72 });
		expect(Object.keys(b.inputs.groups).sort()).toEqual([
			'all',
			'brand',
			'competitor:Globex',
			'competitor:Initech',
			'competitors',
		]);
	});

	it('says plainly that 3 emails are too few, falls back to defaults and to the campaign context', async () => {
		const { engine } = store;
		const { id } = await createCampaign(engine, {
			brand: { name: 'Northwind' },
			competitors: [{ name: 'Globex' }],
			additionalContext:
				'Northwind makes onboarding software for sales teams. New reps reach quota 40% faster. Built for sales leaders at 50 to 500 person companies.',
		});
		await ingestMessages(
			engine,
			{ campaignId: id, source: 'competitor', competitor: 'Globex' },
			tinyCorpus(),
		);
		await extractFeatures(engine, id);
		const b = await synthesizeBlueprint(engine, id);
		expect(b.body.lowData.isLow).toBe(true);
		expect(b.body.lowData.warnings.map((w) => w.code)).toEqual([
			'too_few_emails',
			'no_brand_mail',
			'no_follow_ups',
		]);
		expect(b.body.lowData.warnings[0].message).toBe(
			'Only 3 emails were analysed; a Blueprint learns from 30 or more, so most rules are defaults.',
		);
		const all = [...b.body.limits, ...b.body.cadence, ...b.body.dos, ...b.body.donts];
		expect(all.filter((r) => r.basis === 'data')).toEqual([]);
		expect(rule(b, 'words')).toMatchObject({ min: 40, max: 90, basis: 'default' });
		expect(rule(b, 'touches')).toMatchObject({ target: 3, min: 3, max: 5, basis: 'default' });
		expect(rule(b, 'gap_step_2')).toMatchObject({ min: 2, max: 4, basis: 'default' });
		expect(rule(b, 'cta_step_1')).toMatchObject({
			values: ['interest_question'],
			basis: 'default',
		});
		expect(b.body.dropped.find((d) => d.id === 'words')?.reason).toBe(
			'only 3 values (a rule needs 10)',
		);
		expect(b.body.synthesis.positioning).toBe(
			'Northwind makes onboarding software for sales teams. New reps reach quota 40% faster.',
		);
		expect(b.body.synthesis.valuePropositions).toEqual(['New reps reach quota 40% faster.']);
		const report = (await engine.objects.get(b.report.markdownKey as string)).toString();
		expect(report).toContain('## Low data');
		expect(report).toContain('**Only 3 emails were analysed');
	});

	it('versions every run, diffs two versions rule by rule, and rolls back', async () => {
		const { engine } = store;
		const id = await campaignWith([['Globex', 'Sam']]);
		const v1 = await synthesizeBlueprint(engine, id, { actor: 'test' });
		const v2 = await synthesizeBlueprint(engine, id);
		expect([v1.version, v2.version]).toEqual([1, 2]);
		expect(v2.contentHash).toBe(v1.contentHash);
		expect(await diffBlueprints(engine, id, 1, 2)).toMatchObject({
			identical: true,
			rules: [],
			synthesis: [],
		});

		// Learning from the brand's own mail alone (4 emails): every rule falls back to its default.
		await ingestMessages(engine, { campaignId: id, source: 'brand' }, brandCorpus());
		await extractFeatures(engine, id);
		const v3 = await synthesizeBlueprint(engine, id, { learnFrom: 'brand' });
		expect(v3.version).toBe(3);
		const diff = await diffBlueprints(engine, id, 2, 3);
		expect(diff.identical).toBe(false);
		expect(diff.emailsAnalysed).toEqual({ from: 36, to: 40 });
		expect(diff.rules).toContainEqual(
			expect.objectContaining({
				id: 'gap_step_2',
				change: 'changed',
				from: 'Touch 2: 3 days after touch 1',
				to: 'Touch 2: 2–4 days after touch 1',
			}),
		);
		expect(diff.rules).toContainEqual({
			id: 'cta_step_1',
			kind: 'do',
			change: 'changed',
			fields: [{ field: 'basis', from: 'data', to: 'default' }],
			from: 'Touch 1: ask with interest question',
			to: 'Touch 1: ask with interest question',
		});
		expect(diff.lowData).toEqual({ from: false, to: true });
		expect((await listBlueprints(engine, id)).map((b) => [b.version, b.status])).toEqual([
			[3, 'active'],
			[2, 'archived'],
			[1, 'archived'],
		]);
		const rolled = await rollbackBlueprint(engine, id, 1, 'test');
		expect(rolled).toMatchObject({ previousVersion: 3, changed: true });
		expect((await getBlueprint(engine, id)).version).toBe(1);
		expect((await rollbackBlueprint(engine, id, 1)).changed).toBe(false);
		expect((await listBlueprints(engine, id)).map((b) => b.status)).toEqual([
			'archived',
			'archived',
			'active',
		]);
		await expect(getBlueprint(engine, id, 9)).rejects.toMatchObject({
			code: 'NOT_FOUND',
			message: `Campaign ${id} has no Blueprint version 9`,
			description: 'Versions that exist: 1, 2, 3.',
		});
		const { rows } = await engine.db.query<{ type: string }>(
			"select type from campaign_events where campaign_id = $1 and type like 'blueprint%' order by id",
			[id],
		);
		expect(rows.map((r) => r.type)).toEqual([
			'blueprint_created',
			'blueprint_created',
			'blueprint_created',
			'blueprint_rolled_back',
		]);
	});

	it('gives the same Blueprint and report, byte for byte, for the same input', async () => {
		const a = await campaignWith([['Globex', 'Sam']], 'Onboarding software for sales teams.');
		const b = await campaignWith([['Globex', 'Sam']], 'Onboarding software for sales teams.');
		const [x, y] = [
			await synthesizeBlueprint(store.engine, a),
			await synthesizeBlueprint(store.engine, b),
		];
		expect(canonicalJson(y.body)).toBe(canonicalJson(x.body));
		expect(canonicalJson(y.inputs)).toBe(canonicalJson(x.inputs));
		expect(y.contentHash).toBe(x.contentHash);
		// Content-addressed: the same bytes land under the same key.
		expect(y.report).toEqual(x.report);
		const html = (await store.engine.objects.get(x.report.htmlKey as string)).toString();
		expect(html.match(/<svg /g)).toHaveLength(3);
		expect(html).toContain('<h1>Blueprint v1 — Northwind</h1>');
	});

	it('keeps two runs at once apart: versions 1 and 2, one of them active', async () => {
		const id = await campaignWith([['Globex', 'Sam']]);
		const runs = await Promise.all([
			synthesizeBlueprint(store.engine, id),
			synthesizeBlueprint(store.engine, id),
		]);
		expect(runs.map((r) => r.version).sort()).toEqual([1, 2]);
		expect((await listBlueprints(store.engine, id)).map((b) => b.status)).toEqual([
			'active',
			'archived',
		]);
	});

	it('rejects bad input with a clear error and stores nothing', async () => {
		const id = await campaignWith([['Globex', 'Sam']]);
		await expect(
			synthesizeBlueprint(store.engine, id, { window: { since: 'last tuesday' } }),
		).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			message: 'Since is not a date: "last tuesday"',
		});
		await expect(synthesizeBlueprint(store.engine, 'nope')).rejects.toMatchObject({
			code: 'INVALID_INPUT',
		});
		expect(await listBlueprints(store.engine, id)).toEqual([]);
	});
});
