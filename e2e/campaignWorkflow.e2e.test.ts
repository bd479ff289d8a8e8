import { closeAllEngines, defaultStoreConfig, openEngine } from '../nodes/engine';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { N8n, outputOf } from './helpers/n8n';
import {
	importSendWorkerToSink,
	importStackCredentials,
	readWorkflow,
	settledStatus,
} from './helpers/shipped';

describe('the shipped campaign workflow in a real n8n', () => {
	let n8n: N8n;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
		sink = await startSmtpSink();
	});
	afterAll(async () => {
		await sink?.stop();
		await closeAllEngines();
		n8n?.remove();
	});

	it('runs on the sample data to a waiting approval page, resumes through its URL, and the send worker sends', async () => {
		// The stack's credentials first (the API trigger's signing key): n8n refuses to run a workflow
		// that names a credential it does not have, even on a path that does not run.
		await importStackCredentials(n8n);
		await n8n.import('workflow', [readWorkflow('sales-campaign.json')]);
		// Published, as a user's is: the approval summary is a production webhook of the workflow.
		await n8n.publish('SEcampaign000001');
		const run = await n8n.execute('SEcampaign000001');
		expect(run.data.resultData.error).toBeUndefined();
		const [blueprint] = outputOf(run, 'Synthesize Blueprint');
		// The shipped chat model sub-node is wired but disabled: the deterministic path runs.
		expect(blueprint).toMatchObject({
			version: 1,
			status: 'active',
			synthesis: { path: 'deterministic' },
		});
		const [page] = outputOf(run, 'Review drafts');
		const listing = page.drafts as Array<{
			number: number;
			id: string;
			prospectEmail: string;
			step: number;
			status: string;
		}>;
		// The sample's fourth prospect has a company name too long for any subject the Blueprint
		// allows: its drafts need an edit and come first on the page.
		expect(page.counts).toMatchObject({ drafts: 12, prospects: 4 });
		const broken = listing.filter((d) => d.status === 'needs_edit');
		expect(broken.length).toBeGreaterThan(0);
		expect(broken.every((d) => d.prospectEmail === 'dmitri@cih-logistics.example.net')).toBe(true);
		expect(listing.map((d) => d.number)).toEqual(listing.map((_, k) => k + 1));
		const draft = (email: string, step: number) =>
			listing.find((d) => d.prospectEmail === email && d.step === step)!;
		const ana = (step: number) => draft('ana@acme-robotics.example.net', step);
		const ben = (step: number) => draft('ben@binford-tools.example.net', step);
		const [{ campaignId, approvalUrl }] = outputOf(run, 'Approval link') as Array<{
			campaignId: string;
			approvalUrl: string;
		}>;
		expect(approvalUrl).toMatch(/\/form-waiting\/\d+\?signature=[0-9a-f]+$/);
		expect(run.data.resultData.runData['Apply decision']).toBeUndefined();
		expect(outputOf(run, 'Create campaign')[0]).toMatchObject({ id: campaignId, created: true });
		// The same form data again (submitted twice, or the sample run once more): the same
		// campaign continues, no second one is created for the send worker to mail from.
		const again = await n8n.execute('SEcampaign000001');
		expect(again.data.resultData.error).toBeUndefined();
		expect(outputOf(again, 'Create campaign')[0]).toMatchObject({
			id: campaignId,
			created: false,
		});

		const server = await n8n.start();
		try {
			const { pathname, search } = new URL(approvalUrl);
			const url = `${server.baseUrl}${pathname}${search}`;
			const page = await fetch(url);
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain('Approve the drafts');
			expect(html).toContain(`Draft ${ana(1).number}`);
			const form = new FormData();
			// field-0 is the page's list of drafts (a form HTML field); the inputs follow it. Ana's two
			// first touches, Ben's second (his first is rejected), a draft that needs an edit, and a
			// number that is on no draft: the good ones are carried out, the others reported.
			form.append('field-1', 'Approve only the drafts listed');
			form.append(
				'field-2',
				`${ana(1).number}, ${ana(2).number}\n${ben(2).number} 99 ${broken[0].number}`,
			);
			form.append('field-3', `#${ben(1).number}`);
			form.append('field-4', 'jane@northwind-analytics.example.com');
			form.append('field-5', 'Ben asked for mail after January');
			// The form answers once the decision has been carried out; its page then goes to the summary.
			const submitted = await fetch(url, { method: 'POST', body: form });
			expect(submitted.status).toBe(200);
			expect(await settledStatus(server.baseUrl, url)).toBe('success');
			const summaryUrl = `${server.baseUrl}/webhook/sales-engine/approval-summary?campaign=${campaignId}`;
			// The page's redirect after submitting (n8n escapes "=" in it).
			const redirect = /id='redirectUrl' href='([^']+)'/.exec(html)?.[1].replace(/&#x3D;/g, '=');
			expect(redirect && new URL(redirect).pathname + new URL(redirect).search).toBe(
				summaryUrl.replace(server.baseUrl, ''),
			);
			const summary = await fetch(summaryUrl);
			expect(summary.status).toBe(200);
			const text = (await summary.text()).replace(/<[^>]+>/g, '');
			expect(text).toContain(
				'Approved: 3, of which 2 queued for sending and 1 blocked (see below)',
			);
			expect(text).toContain('Rejected: 1');
			expect(text).toContain(`Still to review: ${listing.length - 4}`);
			// What the decision named and did not change, each with its reason.
			expect(text).toContain('99: under Approve: no draft has this number on the page (1–12)');
			expect(text).toContain(
				`Draft ${broken[0].number} (dmitri@cih-logistics.example.net, touch ${broken[0].step}): needs an edit first`,
			);
			// Ben's second touch is approved, but his first was rejected: it can never go out.
			expect(text).toContain(
				'ben@binford-tools.example.net, touch 2: touch 1 was rejected: touch 2 waits until touch 1 is approved and sent, so as things stand it is never sent',
			);
			expect(text).toMatch(
				/The first queued message is due \w{3}, \d{2} \w{3} \d{4} [\d:]+ UTC\. The send worker's dry-run outbox writes it/,
			);
			const unknown = await fetch(
				`${server.baseUrl}/webhook/sales-engine/approval-summary?campaign=<script>`,
			);
			expect(unknown.status).toBe(404);
			const unknownText = await unknown.text();
			expect(unknownText).toContain('No campaign to show');
			expect(unknownText).not.toContain('<script>');
		} finally {
			await server.stop();
		}

		const store = defaultStoreConfig({ N8N_USER_FOLDER: n8n.userFolder });
		const engine = await openEngine(store);
		const { rows } = await engine.db.query<{ status: string; approved_by: string; n: number }>(
			`select status, approved_by, count(*)::int as n from drafts where campaign_id = $1
			group by status, approved_by order by status`,
			[campaignId],
		);
		const campaigns = await engine.db.query<{ n: number }>(
			'select count(*)::int as n from campaigns',
		);
		expect(campaigns.rows[0].n).toBe(1);
		await closeAllEngines();
		const approvedRows = rows.filter((r) => r.status === 'approved');
		expect(approvedRows).toEqual([
			{ status: 'approved', approved_by: 'jane@northwind-analytics.example.com', n: 3 },
		]);

		// The send worker, pointed at the loopback sink with a real secret, sends the first touches.
		await importSendWorkerToSink(n8n, sink.port);
		const sent = await n8n.execute('SEsendworker0001');
		expect(outputOf(sent, 'Send due drafts')[0]).toMatchObject({
			campaignId,
			provider: 'smtp',
			failed: 0,
		});
		// Only Ana's first touch is due and sendable: Ben's approved touch 2 waits for a touch 1.
		expect(sink.received.map((m) => m.to[0])).toEqual(['ana@acme-robotics.example.net']);
		expect(sink.received[0].raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
	});
});
