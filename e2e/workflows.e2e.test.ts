import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { closeAllEngines, defaultStoreConfig, openEngine, unsubscribeToken } from '../nodes/engine';
import { approvedCampaign } from '../test/fixtures/approvedCampaign';
import { N8n, outputOf } from './helpers/n8n';
import {
	importSendWorkerAnyTime,
	importStackCredentials,
	UNSUBSCRIBE_SECRET,
	untilRegistered,
	WORKFLOWS,
} from './helpers/shipped';

const shipped = readdirSync(WORKFLOWS)
	.filter((file) => file.endsWith('.json'))
	.map((file) => JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { id: string });
const KEY = { name: 'X-Sales-Engine-Key', value: 'e2e-webhook-key-0123456789' };
const PEOPLE = ['ana@acme.example.net', 'ben@binford.example.net'];

describe('the shipped workflows in a real n8n', () => {
	let n8n: N8n;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
	});
	afterAll(async () => {
		await closeAllEngines();
		n8n?.remove();
	});

	it('import unchanged; the send worker dry-runs; unsubscribe and the kill switch work over their webhooks', async () => {
		// The compose stack's own first-start commands: credentials from the environment, then every
		// workflow file imported unchanged.
		await importStackCredentials(n8n, KEY.value);
		await n8n.importFolder('workflow', WORKFLOWS);
		expect(shipped.map((w) => w.id).sort()).toEqual([
			'SEcampaign000001',
			'SEkillswitch0001',
			'SEquickstart0001',
			'SEreplyintake001',
			'SEresultsloop001',
			'SEsendworker0001',
			'SEunsubscribe001',
		]);

		// A campaign with approved drafts, in the embedded store n8n's nodes use by default.
		const store = defaultStoreConfig({ N8N_USER_FOLDER: n8n.userFolder });
		const engine = await openEngine(store);
		const campaignId = await approvedCampaign(engine, PEOPLE);
		await closeAllEngines();

		// Sending windows are the node's to apply; the test pins this one open so it passes at any hour.
		await importSendWorkerAnyTime(n8n);
		const worker = await n8n.execute('SEsendworker0001');
		expect(worker.data.resultData.error).toBeUndefined();
		const [sent] = outputOf(worker, 'Send due drafts');
		expect(sent).toMatchObject({
			campaignId,
			provider: 'outbox',
			sent: 2,
			failed: 0,
			stopped: null,
		});

		// The results loop, run now: two messages sent, no answer yet, so nothing is credible and no
		// Blueprint version is proposed.
		const learned = await n8n.execute('SEresultsloop001');
		expect(learned.data.resultData.error).toBeUndefined();
		expect(outputOf(learned, 'Learn from results')).toEqual([
			expect.objectContaining({
				created: false,
				reason: expect.stringMatching(
					/^No difference in this campaign's results is credible yet: 0 finished of 2 sent messages/,
				),
				results: expect.objectContaining({ sent: 2 }),
			}),
		]);

		for (const id of ['SEunsubscribe001', 'SEkillswitch0001']) await n8n.publish(id);
		const server = await n8n.start();
		try {
			const token = unsubscribeToken(UNSUBSCRIBE_SECRET, campaignId, PEOPLE[0]);
			const url = `${server.baseUrl}/webhook/sales-engine/unsubscribe?token=${token}`;
			await untilRegistered(url);
			await untilRegistered(`${server.baseUrl}/webhook/sales-engine/status`);
			const page = await fetch(url);
			expect(page.status).toBe(200);
			expect(page.headers.get('content-type')).toMatch(/^text\/html/);
			const html = await page.text();
			expect(html).toContain('<form method="post">');
			expect(html).toContain(`value="${token}"`);
			// A hostile "token" never reaches the page as markup.
			const hostile = await fetch(
				`${url.split('?')[0]}?token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E`,
			);
			expect(await hostile.text()).not.toContain('<script>');

			// RFC 8058 one-click: a POST of List-Unsubscribe=One-Click to the link, no redirect.
			const oneClick = () =>
				fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: 'List-Unsubscribe=One-Click',
					redirect: 'manual',
				});
			const first = await oneClick();
			expect(first.status).toBe(200);
			expect(await first.text()).toContain(`${PEOPLE[0]} will not receive these emails again`);
			expect((await oneClick()).status).toBe(200);
			const forged = await fetch(`${url.split('?')[0]}?token=forged.token`, {
				method: 'POST',
				body: 'List-Unsubscribe=One-Click',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			expect(forged.status).toBe(400);

			const killSwitch = (body: object, key = KEY.value) =>
				fetch(`${server.baseUrl}/webhook/sales-engine/kill-switch`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', [KEY.name]: key },
					body: JSON.stringify(body),
				});
			expect((await killSwitch({ action: 'engage' }, 'wrong key')).status).toBe(403);
			// A switch that could not be set is an error the caller sees in the status code.
			const refused = await killSwitch({ action: 'engage', scope: 'galaxy' });
			expect(refused.status).toBe(400);
			expect(await refused.json()).toMatchObject({
				error: expect.stringMatching(/scope must be global, campaign or mailbox/),
			});
			const engaged = await killSwitch({
				action: 'engage',
				scope: 'campaign',
				target: campaignId,
				reason: 'e2e drill',
			});
			expect(engaged.status).toBe(200);
			expect(await engaged.json()).toMatchObject({
				scope: 'campaign',
				target: campaignId,
				engaged: true,
			});

			const status = await fetch(
				`${server.baseUrl}/webhook/sales-engine/status?campaignId=${campaignId}`,
				{
					headers: { [KEY.name]: KEY.value },
				},
			);
			expect(status.status).toBe(200);
			expect(await status.json()).toMatchObject({ id: campaignId });
		} finally {
			await server.stop();
		}

		// The suppression and the switch hold for the next worker run.
		const engineAfter = await openEngine(store);
		const { rows } = await engineAfter.db.query<{ kind: string }>(
			'select kind from suppressions where value = $1',
			[PEOPLE[0]],
		);
		expect(rows).toEqual([{ kind: 'unsubscribed' }]);
		await engineAfter.db.query(
			"update drafts set due_at = now() where campaign_id = $1 and status = 'approved'",
			[campaignId],
		);
		await closeAllEngines();
		const again = await n8n.execute('SEsendworker0001');
		expect(outputOf(again, 'Send due drafts')[0]).toMatchObject({
			sent: 0,
			stopped: 'kill switch engaged (campaign: e2e drill)',
		});

		// After a send, an unsubscribe and kill-switch calls, n8n's execution records hold no secret:
		// the unsubscribe secret lives in a credential (stored encrypted), and the kill-switch
		// workflow keeps no execution data (its requests carry the webhook key in a header): n8n
		// marks those records deleted as they end and its pruning removes them. The send worker's
		// record names the campaign, so what was read is the execution data.
		const executions = await n8n.sql(
			`select e."workflowId" as workflow, e."deletedAt" is not null as deleted,
				d.data || d."workflowData" as stored
			from execution_entity e join execution_data d on d."executionId" = e.id`,
		);
		const kept = executions.filter((e) => !e.deleted);
		const killSwitchRuns = executions.filter((e) => e.workflow === 'SEkillswitch0001');
		expect(killSwitchRuns.length).toBeGreaterThan(0);
		expect(killSwitchRuns.every((e) => e.deleted)).toBe(true);
		const stored = kept.map((e) => String(e.stored)).join('\n');
		expect(kept.map((e) => e.workflow)).toEqual(
			expect.arrayContaining(['SEsendworker0001', 'SEunsubscribe001']),
		);
		expect(stored).toContain(campaignId);
		const holding = (secret: string) =>
			kept.filter((e) => String(e.stored).includes(secret)).map((e) => e.workflow);
		expect({
			unsubscribeSecret: holding(UNSUBSCRIBE_SECRET),
			webhookKey: holding(KEY.value),
		}).toEqual({ unsubscribeSecret: [], webhookKey: [] });
	});
});
