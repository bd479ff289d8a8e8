import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser } from 'playwright-core';

import { closeAllEngines } from '../nodes/engine';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { N8n, outputOf } from './helpers/n8n';
import {
	importSendWorkerToSink,
	importStackCredentials,
	readWorkflow,
	settledStatus,
	untilRegistered,
	WORKFLOWS,
} from './helpers/shipped';

const SAMPLE = JSON.parse(readFileSync(join(WORKFLOWS, 'sample', 'campaign.json'), 'utf8')) as {
	brandEmails: Array<Record<string, string>>;
	competitorEmails: Array<Record<string, string>>;
};

/** The sample's emails as an mbox file, the way a mail client exports a folder. */
function mbox(emails: Array<Record<string, string>>): string {
	return emails
		.map((m) =>
			[
				`From ${m.from} ${new Date(m.date).toUTCString().replace(',', '')}`,
				`From: ${m.from}`,
				`To: ${m.to}`,
				`Subject: ${m.subject}`,
				`Date: ${new Date(m.date).toUTCString()}`,
				`Message-ID: ${m.messageId}`,
				...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`, `References: ${m.references}`] : []),
				'Content-Type: text/plain; charset=utf-8',
				'',
				m.text.replace(/^From /gm, '>From '),
				'',
			].join('\n'),
		)
		.join('\n');
}

/** Debian's Chromium, started as this machine allows (the flags a closed network needs: nothing may call home). */
const launch = () =>
	chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});

describe('a person in a browser, on a running n8n', () => {
	let n8n: N8n;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	let browser: Browser | undefined;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
		sink = await startSmtpSink();
	});
	afterAll(async () => {
		await browser?.close();
		await sink?.stop();
		await closeAllEngines();
		n8n?.remove();
	});

	it('fills the campaign form with uploads, approves on the approval page, and the messages reach the sink', async () => {
		await importStackCredentials(n8n, 'e2e-webhook-key-0123456789');
		await n8n.import('workflow', [readWorkflow('sales-campaign.json')]);
		await n8n.publish('SEcampaign000001');

		const files = {
			brand: join(n8n.userFolder, 'northwind-sent.mbox'),
			competitor: join(n8n.userFolder, 'globex.mbox'),
			prospects: join(WORKFLOWS, 'sample', 'prospects.csv'),
		};
		writeFileSync(files.brand, mbox(SAMPLE.brandEmails));
		writeFileSync(
			files.competitor,
			mbox(SAMPLE.competitorEmails.filter((m) => m.competitor === 'Globex Insights')),
		);

		const server = await n8n.start();
		try {
			browser = await launch();
			const page = await browser.newPage();
			await untilRegistered(`${server.baseUrl}/form/sales-engine-campaign`);
			await page.goto(`${server.baseUrl}/form/sales-engine-campaign`);
			await page.getByText('New sales campaign').first().waitFor();
			const values = [
				'Northwind Analytics',
				'northwind-analytics.example.com',
				'Globex Insights | globex-insights.example.com\nInitech BI | initech-bi.example.com',
				'Revenue analytics for mid-market SaaS finance teams: month-end close in 4 days instead of 9.',
				'Dana Reyes',
				'dana@northwind-analytics.example.com',
				'Northwind Analytics, 500 Market St, San Francisco, CA 94105, USA',
			];
			for (const [i, value] of values.entries()) await page.fill(`#field-${i}`, value);
			await page.setInputFiles('#field-7', files.brand);
			await page.setInputFiles('#field-8', files.competitor);
			await page.fill('#field-9', 'Globex Insights');
			await page.setInputFiles('#field-10', files.prospects);
			await page.screenshot({ path: join(n8n.userFolder, '..', 'sales-engine-form.png') });
			await page.click('button[type="submit"]');
			// n8n keeps the browser on the form flow: once the pipeline reaches the Approval node, the
			// same page turns into the approval form.
			await page.getByText('Approve the drafts').first().waitFor({ timeout: 180_000 });
			// The page is the execution's form-waiting URL: n8n's status endpoint for it says when the
			// resumed execution is done.
			const approvalUrl = page.url();
			expect(new URL(approvalUrl).pathname).toMatch(/^\/form-waiting\/\d+$/);
			// Saved before any assertion, so a failing run still leaves the page a person can look at.
			await page.screenshot({
				path: join(n8n.userFolder, '..', 'sales-engine-approval.png'),
				fullPage: true,
			});
			const body = await page.content();
			expect(body).toContain('Blueprint v1');
			expect(body).toMatch(/Month-end close|Northwind Analytics for/);
			// Each preview carries the draft's ID, for "approve only the draft IDs entered below".
			expect(body).toMatch(/<code>[0-9a-f-]{36}<\/code>/);
			// The form's context is one sentence: each second touch runs short of the learned minimum
			// length, and the page puts those first, with the reason and the writer's own note.
			expect(body).toContain(
				'9 drafts for 3 prospects: 7 pass the Blueprint, 2 need an edit (shown first)',
			);
			expect(body).toMatch(/Body length in words is \d+, under the minimum \d+/);
			expect(body).toContain('The writer noted:');
			expect(body).toContain('waiting for approval');
			expect(body).not.toContain('pending_approval');
			await page.selectOption('#field-0', 'Approve all passing drafts');
			await page.fill('#field-2', 'jane@northwind-analytics.example.com');
			await page.click('button[type="submit"]');
			// Once the decision is carried out, the page becomes its summary: counts and the first send.
			await page.getByText('Decision recorded').waitFor({ timeout: 120_000 });
			await page.screenshot({
				path: join(n8n.userFolder, '..', 'sales-engine-approved.png'),
				fullPage: true,
			});
			expect(await page.textContent('#approved')).toBe('7');
			expect(await page.textContent('#rejected')).toBe('0');
			expect(await page.textContent('#open')).toBe('2');
			expect(await page.textContent('body')).toContain(
				'2 need an edit: their prospects get a shorter sequence unless they are edited and approved',
			);
			expect(await page.textContent('#next')).toMatch(/^The first queued message is due .+ UTC/);
			expect(await settledStatus(server.baseUrl, approvalUrl)).toBe('success');
		} finally {
			await server.stop();
		}

		// The send worker, pointed at the loopback sink, sends the approved first touches.
		await importSendWorkerToSink(n8n, sink.port);
		const sent = await n8n.execute('SEsendworker0001');
		const [summary] = outputOf(sent, 'Send due drafts');
		expect(summary).toMatchObject({ provider: 'smtp', failed: 0 });
		expect(Number(summary.sent)).toBeGreaterThan(0);
		expect(sink.received.map((m) => m.to[0]).sort()).toEqual([
			'ana@acme-robotics.example.net',
			'ben@binford-tools.example.net',
			'cleo@cyberdyne.example.net',
		]);
	});
});
