import {
	closeAllEngines,
	defaultStoreConfig,
	type Engine,
	getCampaignStatus,
	openEngine,
} from '../nodes/engine';
import { simulatedCampaign } from '../test/fixtures/simulatedResults';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { N8n, outputOf } from './helpers/n8n';
import { importStackCredentials, readWorkflow } from './helpers/shipped';

describe('the results loop in a real n8n', () => {
	let n8n: N8n;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
		sink = await startSmtpSink();
	});
	afterAll(async () => {
		await closeAllEngines();
		await sink?.stop();
		n8n?.remove();
	});

	it('proposes a version from positive replies, tells someone, shows it in status; activating it records the person', async () => {
		await importStackCredentials(n8n);
		const store = defaultStoreConfig({ N8N_USER_FOLDER: n8n.userFolder });
		let engine: Engine = await openEngine(store);
		// Variant A answered positively by 30 %, B by 5 % (and "not now" by 30 %); every sequence has
		// ended and stayed quiet for over a week.
		const campaignId = await simulatedCampaign(engine, sink.port, {
			A: { positive: 0.3 },
			B: { positive: 0.05, notNow: 0.3 },
		});
		await engine.db.query(
			"update send_attempts set sent_at = sent_at - interval '8 days' where campaign_id = $1",
			[campaignId],
		);
		await closeAllEngines();
		const sentBefore = sink.received.length;

		// The shipped loop, with its notification node enabled as a user would: an SMTP credential.
		const loop = readWorkflow('results-loop.json');
		const tell = loop.nodes.find((n) => n.name === 'Tell someone (pick a node)')!;
		(tell as { disabled?: boolean }).disabled = false;
		tell.credentials = { smtp: { id: 'SEsmtpe2eloop001', name: 'SMTP sink' } };
		await n8n.import('credentials', [
			{
				id: 'SEsmtpe2eloop001',
				name: 'SMTP sink',
				type: 'smtp',
				data: { host: '127.0.0.1', port: sink.port, secure: false, user: '', password: '' },
			},
		]);
		await n8n.import('workflow', [loop]);
		const run = await n8n.execute('SEresultsloop001');
		expect(run.data.resultData.error).toBeUndefined();
		const [learned] = outputOf(run, 'Learn from results');
		expect(learned).toMatchObject({
			created: true,
			version: 2,
			status: 'proposed',
			proposal: expect.stringContaining('Prefer "variant A"'),
		});
		expect(outputOf(run, 'Tell someone (pick a node)')).toHaveLength(1);
		const told = sink.received.slice(sentBefore);
		expect(told.map((m) => m.raw)).toEqual([
			expect.stringContaining('Subject: Blueprint proposal waiting: version 2'),
		]);

		engine = await openEngine(store);
		const status = await getCampaignStatus(engine, campaignId);
		expect(status.blueprintProposal).toMatchObject({ version: 2 });
		expect(status.nextStep).toContain('Blueprint proposal waiting: version 2');
		await closeAllEngines();

		// A person activates it; the audit trail names them.
		await n8n.import('workflow', [
			{
				id: 'SEe2eactivate001',
				name: 'activate the proposal',
				active: false,
				settings: { executionOrder: 'v1' },
				connections: { Start: { main: [[{ node: 'Activate', type: 'main', index: 0 }]] } },
				nodes: [
					{
						id: 'a1',
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'a2',
						name: 'Activate',
						type: 'n8n-nodes-sales-engine.salesBlueprintAgent',
						typeVersion: 1,
						position: [240, 0],
						parameters: {
							resource: 'blueprint',
							operation: 'rollback',
							campaignId: { __rl: true, mode: 'id', value: campaignId },
							version: 2,
							activatedBy: 'Dana Reviewer',
						},
					},
				],
			},
		]);
		const activation = await n8n.execute('SEe2eactivate001');
		expect(activation.data.resultData.error).toBeUndefined();
		engine = await openEngine(store);
		const { rows } = await engine.db.query<{ actor: string }>(
			"select actor from campaign_events where campaign_id = $1 and type = 'blueprint_proposal_approved'",
			[campaignId],
		);
		expect(rows).toEqual([
			{
				actor: expect.stringMatching(
					/^Dana Reviewer \(n8n:workflow=SEe2eactivate001:execution=\d+\)$/,
				),
			},
		]);
		expect((await getCampaignStatus(engine, campaignId)).blueprintProposal).toBeNull();
	});
});
