import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { closeAllEngines, defaultStoreConfig, openEngine, unsubscribeToken } from '../nodes/engine';
import { approvedCampaign } from '../test/fixtures/approvedCampaign';
import { N8n, outputOf } from './helpers/n8n';
import {
	importSendWorkerAnyTime,
	importStackCredentials,
	signedBy,
	UNSUBSCRIBE_SECRET,
	WEBHOOK_KEY,
	untilRegistered,
	WORKFLOWS,
} from './helpers/shipped';

const shipped = readdirSync(WORKFLOWS)
	.filter((file) => file.endsWith('.json'))
	.map((file) => JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { id: string });
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
		let signedTokens: string[] = [];
		// The compose stack's own first-start commands: credentials from the environment, then every
		// workflow file imported unchanged.
		await importStackCredentials(n8n);
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
					/^No results to learn from yet: 0 finished of \d+ planned messages/,
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

			// Every call signs a fresh token; the key never travels.
			const sent: string[] = [];
			const killSwitch = async (body: object, auth = signedBy()) => {
				sent.push(auth.authorization.slice('Bearer '.length));
				const response = await fetch(`${server.baseUrl}/webhook/sales-engine/kill-switch`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...auth },
					body: JSON.stringify(body),
				});
				const text = await response.text();
				return {
					status: response.status,
					json: (text.startsWith('{') ? JSON.parse(text) : text) as unknown,
				};
			};
			// n8n's own check: a token signed with another key, or none.
			expect((await killSwitch({ action: 'engage' }, signedBy('another key'))).status).toBe(403);
			// The engine's: a token that lives an hour, a token played twice.
			expect(
				await killSwitch({ action: 'engage' }, signedBy(WEBHOOK_KEY, { lifetime: 3600 })),
			).toEqual({
				status: 401,
				json: expect.objectContaining({
					error: expect.stringMatching(/lives 3600 s; at most 300/),
				}),
			});
			const once = signedBy();
			const released = await killSwitch(
				{ action: 'release', scope: 'mailbox', target: 'x@y.example' },
				once,
			);
			expect(released.status).toBe(200);
			expect(await killSwitch({ action: 'engage' }, once)).toEqual({
				status: 401,
				json: expect.objectContaining({ error: 'This webhook token was already used' }),
			});
			// A switch that could not be set is an error the caller sees in the status code.
			expect(await killSwitch({ action: 'engage', scope: 'galaxy' })).toEqual({
				status: 400,
				json: expect.objectContaining({
					error: expect.stringMatching(/scope must be global, campaign or mailbox/),
				}),
			});
			const engage = {
				action: 'engage',
				scope: 'campaign',
				target: campaignId,
				reason: 'e2e drill',
			};
			expect(await killSwitch(engage)).toEqual({
				status: 200,
				json: expect.objectContaining({ scope: 'campaign', target: campaignId, engaged: true }),
			});
			expect((await killSwitch({ ...engage, action: 'release' })).status).toBe(200);
			expect((await killSwitch(engage)).status).toBe(200);

			const statusUrl = `${server.baseUrl}/webhook/sales-engine/status?campaignId=${campaignId}`;
			const status = await fetch(statusUrl, { headers: signedBy() });
			expect(status.status).toBe(200);
			expect(await status.json()).toMatchObject({ id: campaignId });
			const replayed = signedBy();
			expect((await fetch(statusUrl, { headers: replayed })).status).toBe(200);
			expect((await fetch(statusUrl, { headers: replayed })).status).toBe(401);
			sent.push(replayed.authorization.slice('Bearer '.length));
			signedTokens = sent;
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

		// After a send, an unsubscribe and kill-switch calls (engaged, released, refused), n8n's
		// records hold no secret: the unsubscribe secret and the webhook signing key live in
		// credentials (stored encrypted), and a webhook request carries only a signed token. Read
		// in every execution record, deleted and running ones included, and in the raw bytes of
		// n8n's database and its write-ahead log.
		const executions = await n8n.sql(
			`select e."workflowId" as workflow, e."deletedAt" is not null as deleted,
				d.data || d."workflowData" as stored
			from execution_entity e join execution_data d on d."executionId" = e.id`,
		);
		const killSwitchRuns = executions.filter((e) => e.workflow === 'SEkillswitch0001');
		expect(killSwitchRuns.length).toBeGreaterThan(0);
		expect(killSwitchRuns.every((e) => e.deleted)).toBe(true);
		expect(executions.map((e) => e.workflow)).toEqual(
			expect.arrayContaining(['SEsendworker0001', 'SEunsubscribe001']),
		);
		// What is read is the execution data: the send worker's record names the campaign.
		const stored = executions.map((e) => String(e.stored)).join('\n');
		expect(stored).toContain(campaignId);
		const holding = (secret: string) =>
			executions.filter((e) => String(e.stored).includes(secret)).map((e) => e.workflow);
		expect({
			unsubscribeSecret: holding(UNSUBSCRIBE_SECRET),
			webhookKey: holding(WEBHOOK_KEY),
		}).toEqual({ unsubscribeSecret: [], webhookKey: [] });
		const files = n8n.databaseFiles();
		expect(files.map((f) => f.name)).toContain('database.sqlite');
		const raw = Buffer.concat(files.map((f) => f.bytes));
		for (const secret of [WEBHOOK_KEY, UNSUBSCRIBE_SECRET])
			expect([secret, raw.includes(secret)]).toEqual([secret, false]);
		// What n8n does keep of a request is the token: spent and dead within 5 minutes.
		expect(signedTokens.some((t) => raw.includes(t.split('.')[1]))).toBe(true);
	});
});
