import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { closeAllEngines, defaultStoreConfig, openEngine } from '../nodes/engine';
import { mbox, SAMPLE, SAMPLE_DIR, type SampleEmail } from '../test/helpers/sampleMail';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { startSpamd, type Spamd } from '../test/helpers/spamd';
import { launch } from './helpers/chromium';
import { N8n, outputOf } from './helpers/n8n';
import {
	importSendWorkerToSink,
	importStackCredentials,
	readWorkflow,
	settledStatus,
	untilRegistered,
} from './helpers/shipped';

/** Screenshots a person looks at after a run (kept by CI as artifacts). */
const SHOTS = join(__dirname, '..', '.tmp', 'screenshots');
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
	page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** A terse corpus: every message a greeting, one line and a name; a Blueprint no draft can meet. */
function terse(emails: SampleEmail[]): string {
	return mbox(
		emails.map((m) => {
			const lines = m.text.split('\n').filter((l) => l.trim());
			return { ...m, text: `${lines[0]}\n\nWorth a quick chat this week?\n\n${lines.at(-1)}` };
		}),
	);
}

describe('a person in a browser, on a running n8n', () => {
	let n8n: N8n;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	let spamd: Spamd;
	let browser: Browser | undefined;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
		sink = await startSmtpSink();
		spamd = await startSpamd();
	});
	afterAll(async () => {
		spamd?.stop();
		await browser?.close();
		await sink?.stop();
		await closeAllEngines();
		n8n?.remove();
	});

	/** Fills the campaign form as a person does: brand, competitors, context, sender, the files. */
	async function fillForm(
		page: Page,
		baseUrl: string,
		fields: {
			brand: string;
			context: string;
			brandMail: string[];
			competitorMail: string[];
			prospects?: string;
		},
	): Promise<void> {
		await untilRegistered(`${baseUrl}/form/sales-engine-campaign`);
		await page.goto(`${baseUrl}/form/sales-engine-campaign`);
		await page.getByText('New sales campaign').first().waitFor();
		const values = [
			fields.brand,
			'northwind-analytics.example.com',
			'Globex Insights | globex-insights.example.com\nInitech BI | initech-bi.example.com',
			fields.context,
			'Dana Reyes',
			'dana@northwind-analytics.example.com',
			'Northwind Analytics, 500 Market St, San Francisco, CA 94105, USA',
		];
		for (const [i, value] of values.entries()) await page.fill(`#field-${i}`, value);
		await page.setInputFiles('#field-7', fields.brandMail);
		await page.setInputFiles('#field-8', fields.competitorMail);
		await page.setInputFiles('#field-9', fields.prospects ?? join(SAMPLE_DIR, 'prospects.csv'));
	}

	/** Submits the form; n8n keeps the browser on the form flow until the approval form shows. */
	async function submitForApproval(page: Page): Promise<string> {
		await page.click('button[type="submit"]');
		await page.getByText('Approve the drafts').first().waitFor({ timeout: 180_000 });
		const approvalUrl = page.url();
		expect(new URL(approvalUrl).pathname).toMatch(/^\/form-waiting\/\d+$/);
		return approvalUrl;
	}

	it("fills the campaign form with several competitors' files, approves on the approval page, a second submission continues the same campaign, and the messages reach the sink", async () => {
		await importStackCredentials(n8n);
		await n8n.import('workflow', [readWorkflow('sales-campaign.json')]);
		await n8n.publish('SEcampaign000001');
		const sample = (name: string) => join(SAMPLE_DIR, name);
		// What goes wrong upstream, for the page's "Before you approve": a file that is no email
		// among the competitor uploads, and a prospect row whose address is not one.
		const notMail = join(n8n.userFolder, 'notes-not-mail.eml');
		writeFileSync(notMail, 'Call notes: Globex pricing went up in March.\n');
		const prospects = join(n8n.userFolder, 'prospects-with-a-typo.csv');
		writeFileSync(
			prospects,
			`${readFileSync(sample('prospects.csv'), 'utf8').trimEnd()}\n"not-an-email","Nia","Ode","Oscorp","CFO","Europe/Paris",""\n"eve@oscorp.example.net","Eve","Ode","Oscorp","CFO","Europe/Paris","your post about 100% guaranteed results"\n`,
		);
		const form = {
			brand: 'Northwind Analytics',
			context:
				'Revenue analytics for mid-market SaaS finance teams: month-end close in 4 days instead of 9.',
			brandMail: [sample('northwind-sent.mbox')],
			// A seeded inbox (both competitors and a newsletter), a CSV export and one .eml.
			competitorMail: [
				sample('competitors-inbox.mbox'),
				sample('initech-export.csv'),
				sample('globex-first-touch.eml'),
				notMail,
			],
			prospects,
		};

		// The spam check on, as the compose file sets it: every card carries SpamAssassin's score.
		const server = await n8n.start({ SALES_ENGINE_SPAMD: spamd.address });
		try {
			browser = await launch();
			const page = await browser.newPage();
			await fillForm(page, server.baseUrl, form);
			await shot(page, 'campaign-form');
			const approvalUrl = await submitForApproval(page);
			// Saved before any assertion, so a failing run still leaves the page a person can look at.
			await shot(page, 'approval');
			const body = await page.content();
			expect(body).toContain('Blueprint v1');
			expect(body).toMatch(/Month-end close|Northwind Analytics for/);
			// Each preview carries its number (what a reviewer types) and the draft's ID.
			expect(body).toMatch(/<b>Draft 1<\/b> · ID <code>[0-9a-f-]{36}<\/code>/);
			// Before you approve: the unreadable file and the prospect row that is no address.
			const text = (await page.textContent('body')) ?? '';
			const before = text.slice(text.indexOf('Before you approve'), text.indexOf(' drafts for '));
			expect(before).toContain('1 message could not be read');
			expect(before).toContain('notes-not-mail.eml: not an email');
			expect(before).toContain('1 prospect was skipped and got no drafts');
			expect(before).toContain('"not-an-email" is not a valid email address');
			expect(before).toMatch(/What to do: Correct those rows/);
			// The sample's prospects are at example domains: drafted, and flagged as no real mail.
			expect(before).toMatch(/reserved for examples and tests \(RFC 2606\)/);
			expect(before).not.toContain('not scored by a spam filter');
			// Each card: the draft's score against the Blueprint's limit, learned from the brand's mail.
			const scores = [
				...body.matchAll(
					/<b>Spam score (-?[\d.]+)<\/b> of at most ([\d.]+) \(the Blueprint's limit\)/g,
				),
			];
			expect(scores).toHaveLength(15);
			for (const [, score] of scores) expect(Number(score)).toBeLessThan(5);
			expect(body).toMatch(/SpamAssassin score at most [\d.]+ \(the brand's own mail scores up to/);
			// Eve's first touch opens with her post, which SpamAssassin's stock rules know: the rule is
			// on her card, placed in the body line it matched, and the touch needs an edit.
			expect(text).toMatch(/GUARANTEED_100_PERCENT [\d.]+ at body line \d+ \("100% guaranteed"\)/);
			expect(text).toMatch(
				/SpamAssassin scores it [\d.]+, over the Blueprint's [\d.]+: GUARANTEED_100_PERCENT/,
			);
			const counts =
				/(\d+) drafts for 5 prospects: (\d+) pass the Blueprint(?:, (\d+) need an edit \(shown first\))?/.exec(
					body,
				);
			expect(counts).not.toBeNull();
			const [total, passing, broken] = counts!.slice(1).map((n) => Number(n ?? 0));
			expect(total).toBe(15);
			expect(passing + broken).toBe(15);
			expect(passing).toBeGreaterThan(0);
			if (broken) {
				// The prospects with a draft that needs an edit come first, with the rule it breaks.
				const firstReason = body.search(/under the minimum|over the maximum/);
				expect(firstReason).toBeGreaterThan(-1);
				expect(firstReason).toBeLessThan(body.indexOf('3 touches pass'));
			}
			// What the writer could not meet, or what is worth a look, is on the card, never hidden.
			expect(body).toMatch(/The writer noted:|Worth a look:|Passes the Blueprint/);
			expect(body).not.toContain('pending_approval');
			// Approve all passing, but reject one draft by its number: Cleo's first touch.
			const cleo1 =
				/Draft (\d+) · ID [0-9a-f-]{36}\s*To: cleo@cyberdyne\.example\.net · Touch 1 /.exec(
					text,
				)?.[1];
			expect(Number(cleo1)).toBeGreaterThan(0);
			await page.selectOption('#field-1', 'Approve all passing drafts');
			await page.fill('#field-3', cleo1 ?? '');
			await page.fill('#field-4', 'jane@northwind-analytics.example.com');
			await page.fill('#field-5', 'Cleo moved to another company');
			await page.click('button[type="submit"]');
			// Once the decision is carried out, the page becomes its summary: counts and the first send.
			await page.getByText('Decision recorded').waitFor({ timeout: 120_000 });
			await shot(page, 'approved');
			expect(await page.textContent('#approved')).toBe(String(passing - 1));
			expect(await page.textContent('#rejected')).toBe('1');
			expect(await page.textContent('#open')).toBe(String(broken));
			// Cleo's later touches are approved but wait behind the rejected first one.
			expect(await page.textContent('#blocked')).toContain('cleo@cyberdyne.example.net, touch 2');
			if (broken)
				expect(await page.textContent('body')).toContain(
					`${broken} need an edit: their prospects get a shorter sequence unless they are edited and approved`,
				);
			expect(await page.textContent('#next')).toMatch(/^The first queued message is due .+ UTC\./);
			expect(await settledStatus(server.baseUrl, approvalUrl)).toBe('success');

			// The same form submitted again (a double click, a second try): the campaign continues.
			await fillForm(page, server.baseUrl, form);
			await submitForApproval(page);
			await shot(page, 'approval-resubmitted');
			const again = await page.textContent('body');
			expect(again).toContain('continued: a campaign for this brand was already active');
			// Only the drafts still open are listed: every one of them needs an edit (or none is left).
			if (broken) {
				expect(again).toContain(`${broken} drafts for`);
				expect(again).toContain('none passes the Blueprint');
			} else expect(again).toContain('No drafts to approve');
		} finally {
			await server.stop();
		}
		// n8n has exited and released the embedded store: one campaign for the two submissions.
		const engine = await openEngine(defaultStoreConfig({ N8N_USER_FOLDER: n8n.userFolder }));
		const { rows } = await engine.db.query<{ n: number }>(
			'select count(*)::int as n from campaigns',
		);
		expect(rows[0].n).toBe(1);
		await closeAllEngines();

		// The send worker, pointed at the loopback sink, sends the approved first touches.
		await importSendWorkerToSink(n8n, sink.port);
		const sent = await n8n.execute('SEsendworker0001');
		const [summary] = outputOf(sent, 'Send due drafts');
		expect(summary).toMatchObject({ provider: 'smtp', failed: 0 });
		expect(Number(summary.sent)).toBeGreaterThan(0);
		// Cleo's first touch was rejected; Dmitri's drafts need an edit.
		expect(new Set(sink.received.map((m) => m.to[0]))).toEqual(
			new Set(['ana@acme-robotics.example.net', 'ben@binford-tools.example.net']),
		);
	});

	it('a campaign whose every draft breaks the Blueprint gets a page that says so, and approving it approves nothing', async () => {
		const terseBrand = join(n8n.userFolder, 'terse-sent.mbox');
		const terseCompetitors = join(n8n.userFolder, 'terse-competitors.mbox');
		writeFileSync(terseBrand, terse(SAMPLE.brandEmails));
		writeFileSync(terseCompetitors, terse(SAMPLE.competitorEmails));
		const server = await n8n.start();
		try {
			const page = await browser!.newPage();
			await fillForm(page, server.baseUrl, {
				brand: 'Terse Analytics',
				context:
					'Revenue analytics for mid-market SaaS finance teams: month-end close in 4 days instead of 9.',
				brandMail: [terseBrand],
				competitorMail: [terseCompetitors],
			});
			await submitForApproval(page);
			await shot(page, 'approval-every-draft-fails');
			const body = await page.textContent('body');
			expect(body).toContain('12 drafts for 4 prospects: none passes the Blueprint');
			expect(body).toContain('Nothing can be approved as it is.');
			expect(body).toMatch(/over the maximum|under the minimum/);
			await page.selectOption('#field-1', 'Approve all passing drafts');
			await page.fill('#field-4', 'jane@northwind-analytics.example.com');
			await page.click('button[type="submit"]');
			await page.getByText('Decision recorded').waitFor({ timeout: 120_000 });
			await shot(page, 'approved-nothing');
			expect(await page.textContent('#approved')).toBe('0');
			expect(await page.textContent('#open')).toBe('12');
		} finally {
			await server.stop();
		}
	});
});
