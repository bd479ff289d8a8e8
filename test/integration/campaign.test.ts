import {
	cancelCampaign,
	createCampaign,
	getCampaign,
	getCampaignStatus,
	listCampaigns,
} from '../../nodes/engine';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const input = {
	brand: { name: 'Northwind', website: 'northwind.example.com' },
	competitors: [{ name: 'Globex', website: 'https://globex.example.com/' }, { name: 'Initech' }],
	additionalContext: 'Revenue analytics for SaaS finance teams.',
	sender: {
		name: 'Dana',
		email: 'dana@northwind.example.com',
		postalAddress: '1 Main St, Springfield',
	},
};

describe.each(STORE_KINDS)('campaigns on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.dispose());

	it('creates a campaign, normalises it and leaves an audit event', async () => {
		const { created, ...campaign } = await createCampaign(store.engine, input, 'tester');
		expect(created).toBe(true);
		expect(campaign).toMatchObject({
			name: 'Northwind outbound',
			brand: { name: 'Northwind', website: 'https://northwind.example.com' },
			competitors: [{ name: 'Globex', website: 'https://globex.example.com' }, { name: 'Initech' }],
			status: 'active',
			settings: {},
		});
		expect(await getCampaign(store.engine, campaign.id)).toEqual(campaign);
		const { rows } = await store.engine.db.query<{ type: string; actor: string; data: unknown }>(
			'select type, actor, data from campaign_events where campaign_id = $1',
			[campaign.id],
		);
		expect(rows).toEqual([
			{ type: 'campaign_created', actor: 'tester', data: { brand: 'Northwind', competitors: 2 } },
		]);
	});

	it('reports the status of a fresh campaign with zero counts and the next step', async () => {
		const campaign = await createCampaign(store.engine, input);
		const status = await getCampaignStatus(store.engine, campaign.id);
		expect(status).toMatchObject({
			stage: 'created',
			nextStep: 'Ingest brand and competitor emails.',
			emails: { brand: 0, competitor: 0, byCompetitor: {} },
			featurized: 0,
			embedded: store.engine.schema.vector.usable ? 0 : null,
			activeBlueprintVersion: null,
			prospects: 0,
			drafts: {},
			sends: {},
			sendReadiness: { ready: true, missing: [] },
		});
	});

	it('counts what the later stages store', async () => {
		const campaign = await createCampaign(store.engine, { brand: { name: 'Acme' } });
		const db = store.engine.db;
		for (const [source, competitor, id] of [
			['brand', null, 'm1'],
			['competitor', 'Globex', 'm2'],
			['competitor', 'Globex', 'm3'],
			['competitor', 'Initech', 'm4'],
		]) {
			await db.query(
				`insert into emails (campaign_id, source, competitor, provider, provider_message_id) values ($1, $2, $3, 'eml', $4)`,
				[campaign.id, source, competitor, id],
			);
		}
		await db.query(
			`insert into blueprints (campaign_id, version, status, synthesis, body, inputs) values ($1, 1, 'archived', 'deterministic', '{}', '{}'), ($1, 2, 'active', 'deterministic', '{}', '{}')`,
			[campaign.id],
		);
		const status = await getCampaignStatus(store.engine, campaign.id);
		expect(status).toMatchObject({
			stage: 'blueprinted',
			emails: { brand: 1, competitor: 3, byCompetitor: { Globex: 2, Initech: 1 } },
			activeBlueprintVersion: 2,
			blueprintVersions: 2,
			sendReadiness: { ready: false, missing: ['sender email', 'postal address'] },
		});
	});

	it('lists newest first, filters by status, limits', async () => {
		const all = await listCampaigns(store.engine);
		expect(all.length).toBeGreaterThanOrEqual(3);
		const times = all.map((c) => c.createdAt);
		expect([...times].sort().reverse()).toEqual(times);
		expect(await listCampaigns(store.engine, { limit: 2 })).toHaveLength(2);
		expect(await listCampaigns(store.engine, { status: 'cancelled' })).toEqual([]);
		const acme = await listCampaigns(store.engine, { search: 'ACM' });
		expect(acme.map((c) => c.brand.name)).toEqual(['Acme']);
		expect(await listCampaigns(store.engine, { search: 'northwind OUT' })).toHaveLength(2);
		await expect(listCampaigns(store.engine, { status: 'gone' as never })).rejects.toThrow(
			/Unknown campaign status "gone"/,
		);
	});

	it('cancels once, cancels the unsent drafts with it, and is harmless the second time', async () => {
		const campaign = await createCampaign(store.engine, input);
		const db = store.engine.db;
		const prospect = await db.query<{ id: string }>(
			`insert into prospects (campaign_id, email, email_normalized) values ($1, 'p@x.co', 'p@x.co') returning id`,
			[campaign.id],
		);
		for (const [step, status] of [
			[1, 'pending_approval'],
			[2, 'rejected'],
			[3, 'needs_edit'],
		] as const) {
			await db.query(
				`insert into drafts (campaign_id, prospect_id, step, subject, body_text, writer, blueprint_version, content_hash, status)
				 values ($1, $2, $3, 's', 'b', 'deterministic', 1, 'h', $4)`,
				[campaign.id, prospect.rows[0].id, step, status],
			);
		}
		const first = await cancelCampaign(store.engine, campaign.id, {
			reason: 'wrong list',
			actor: 'tester',
		});
		expect(first).toMatchObject({
			alreadyCancelled: false,
			cancelledDrafts: 2,
			campaign: { status: 'cancelled' },
		});
		const second = await cancelCampaign(store.engine, campaign.id);
		expect(second).toMatchObject({ alreadyCancelled: true, cancelledDrafts: 0 });
		const drafts = await db.query<{ step: number; status: string }>(
			'select step, status from drafts where campaign_id = $1 order by step',
			[campaign.id],
		);
		expect(drafts.rows).toEqual([
			{ step: 1, status: 'cancelled' },
			{ step: 2, status: 'rejected' },
			{ step: 3, status: 'cancelled' },
		]);
		expect((await getCampaignStatus(store.engine, campaign.id)).sendReadiness.missing).toContain(
			'campaign is cancelled',
		);
	});

	it('returns the campaign an idempotency key holds, even to submissions at once, until it is cancelled', async () => {
		const key = `form:northwind-${kind}`;
		const again = { ...input, idempotencyKey: key };
		// A form submitted five times at once: one campaign, and every answer names it.
		const five = await Promise.all([1, 2, 3, 4, 5].map(() => createCampaign(store.engine, again)));
		const ids = new Set(five.map((c) => c.id));
		expect(ids.size).toBe(1);
		expect(five.filter((c) => c.created)).toHaveLength(1);
		const [id] = ids;
		const { rows } = await store.engine.db.query<{ n: number }>(
			'select count(*)::int as n from campaigns where idempotency_key = $1',
			[key],
		);
		expect(rows[0].n).toBe(1);
		const events = await store.engine.db.query<{ type: string }>(
			'select type from campaign_events where campaign_id = $1 order by id',
			[id],
		);
		expect(events.rows.map((r) => r.type)).toEqual([
			'campaign_created',
			...Array(4).fill('campaign_reused'),
		]);
		// The same key for another brand is a mistake, named.
		await expect(
			createCampaign(store.engine, { ...again, brand: { name: 'Globex' }, competitors: [] }),
		).rejects.toThrow(
			`Idempotency key "${key}" already belongs to campaign "Northwind outbound" (${id}) for Northwind, not Globex`,
		);
		// A cancelled campaign frees its key: the same form starts the brand again.
		await cancelCampaign(store.engine, id, { actor: 'tester' });
		const fresh = await createCampaign(store.engine, again);
		expect(fresh.created).toBe(true);
		expect(fresh.id).not.toBe(id);
		// Without a key, every creation is a new campaign (an API caller's choice).
		const a = await createCampaign(store.engine, input);
		const b = await createCampaign(store.engine, input);
		expect(a.id).not.toBe(b.id);
	});

	it('names the bad input and stores nothing for it', async () => {
		const before = (await listCampaigns(store.engine)).length;
		await expect(createCampaign(store.engine, { brand: { name: ' ' } })).rejects.toThrow(
			'The brand needs a name',
		);
		await expect(
			createCampaign(store.engine, { ...input, competitors: [{ name: 'Northwind' }] }),
		).rejects.toThrow('The brand "Northwind" is also listed as a competitor');
		await expect(
			createCampaign(store.engine, { ...input, sender: { email: 'dana at northwind' } }),
		).rejects.toThrow('Sender email "dana at northwind" is not a valid email address');
		await expect(getCampaignStatus(store.engine, 'abc')).rejects.toThrow(
			'Campaign ID must be a UUID, got "abc"',
		);
		await expect(
			getCampaignStatus(store.engine, '00000000-0000-4000-8000-000000000000'),
		).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		expect((await listCampaigns(store.engine)).length).toBe(before);
	});
});
