import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { tempDir } from '../test/helpers/tempDir';
import { launch } from './helpers/chromium';
import { freePort } from './helpers/n8n';
import { PROJECT_ROOT } from './helpers/projectRoot';
import { untilRegistered } from './helpers/shipped';

/**
 * The README's newcomer path, word for word: `npm run demo`, then what it prints — `npm run ui`,
 * the owner sign-up, the approval URL, approving, the summary, the send worker — to an .eml file on
 * disk. On a Saturday night clock (faketime): the sending window would hold every message until
 * Monday; the dry run must not.
 */
const SATURDAY_NIGHT = '2026-12-12 23:00:00';
const SHOTS = join(PROJECT_ROOT, '.tmp', 'screenshots', 'newcomer');
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
	page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** A README command, run as a person runs it, under the faked clock. */
function command(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
	return spawn('faketime', ['-f', `@${SATURDAY_NIGHT}`, ...args], {
		cwd: PROJECT_ROOT,
		env: { ...env, TZ: 'UTC' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
}

function output(child: ChildProcess): { text: () => string; done: Promise<number> } {
	let text = '';
	child.stdout!.on('data', (c) => (text += c));
	child.stderr!.on('data', (c) => (text += c));
	return {
		text: () => text,
		done: new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1))),
	};
}

describe('a newcomer follows the README on a Saturday night', () => {
	const folder = tempDir('newcomer-');
	let browser: Browser | undefined;
	const started: ChildProcess[] = [];
	afterAll(async () => {
		await browser?.close();
		// n8n (and its store's child process) stop with their process group; killed if they linger.
		await Promise.all(started.map((child) => stop(child)));
		folder.remove();
	});

	it('gets from `npm run demo` to an .eml file on disk', async () => {
		const port = await freePort();
		const env: NodeJS.ProcessEnv = {
			...process.env,
			SALES_ENGINE_DEMO_DIR: join(folder.path, '.demo'),
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		};
		delete env.NODE_ENV;
		delete env.JEST_WORKER_ID;

		// 1. npm run demo
		const demoProcess = command(['npm', 'run', 'demo'], env);
		started.push(demoProcess);
		const demo = output(demoProcess);
		expect(await demo.done).toBe(0);
		const printed = demo.text();
		expect(printed).toContain('need an edit');
		const approvalUrl = /^\s+(http:\/\/\S+\/form-waiting\/\S+)$/m.exec(printed)?.[1];
		const outbox = /as an \.eml file to\n\s+(\S+)$/m.exec(printed)?.[1];
		expect(approvalUrl).toBeDefined();
		expect(outbox).toMatch(/outbox\/[0-9a-f-]{36}$/);
		const base = `http://localhost:${port}`;
		expect(printed).toContain(`open ${base} and create the owner`);

		// 2. npm run ui (under the same clock); the published webhooks come up.
		const ui = command(['npm', 'run', 'ui'], env);
		started.push(ui);
		const served = output(ui);
		await untilHealthy(base, served.text);
		await untilRegistered(`${base}/form/sales-engine-campaign`);

		// 3. The owner sign-up, as the README says.
		browser = await launch();
		const page = await browser.newPage();
		await page.goto(base);
		await page.locator('input[name="email"]').waitFor({ timeout: 60_000 });
		await shot(page, '1-owner-sign-up');
		await page.fill('input[name="email"]', 'dana@northwind-analytics.example.com');
		await page.fill('input[name="firstName"]', 'Dana');
		await page.fill('input[name="lastName"]', 'Reyes');
		await page.fill('input[name="password"]', 'Newcomer-demo-2026');
		await page.click('[data-test-id="form-submit-button"]');
		await page.waitForURL((url) => !url.pathname.startsWith('/setup'), { timeout: 60_000 });
		await shot(page, '2-signed-in');

		// 4. The approval URL the demo printed: approve all passing drafts.
		await page.goto(approvalUrl!);
		await page.getByText('Approve the drafts').first().waitFor({ timeout: 60_000 });
		await shot(page, '3-approval-page');
		const body = await page.textContent('body');
		expect(body).toMatch(/12 drafts for 4 prospects: 9 pass the Blueprint, 3 need an edit/);
		expect(body).toContain('dmitri@cih-logistics.example.net: 3 of 3 touches need an edit');
		await page.selectOption('#field-1', 'Approve all passing drafts');
		await page.fill('#field-4', 'dana@northwind-analytics.example.com');
		await page.click('button[type="submit"]');

		// 5. The summary: what is queued and when (Saturday night: a real provider waits for Monday).
		await page.getByText('Decision recorded').waitFor({ timeout: 120_000 });
		await shot(page, '4-summary');
		expect(await page.textContent('#approved')).toBe('9');
		expect(await page.textContent('#next')).toMatch(
			/due Sat, 12 Dec 2026 .+ UTC\. The send worker's dry-run outbox writes it on its first run after that; .+ from Mon, 14 Dec 2026/,
		);

		// 6. The published send worker's dry run writes the first touches now, Saturday or not.
		const emls = await untilFiles(outbox!, 3, 180_000);
		expect(emls).toHaveLength(3);
		const recipients = emls.map(
			(f) => /^To: (.+)$/m.exec(readFileSync(join(outbox!, f), 'utf8'))?.[1],
		);
		expect(recipients.sort()).toEqual([
			'ana@acme-robotics.example.net',
			'ben@binford-tools.example.net',
			'cleo@cyberdyne.example.net',
		]);
		// The executions list a person opens next shows the worker's green runs.
		await page.goto(`${base}/home/executions`);
		await page.waitForLoadState('networkidle');
		await shot(page, '5-executions');
	});
});

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || !child.pid) return;
	const closed = new Promise((resolve) => child.once('close', resolve));
	const group = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// already gone
		}
	};
	group('SIGTERM');
	const timer = setTimeout(() => group('SIGKILL'), 20_000);
	await closed;
	clearTimeout(timer);
}

async function untilHealthy(base: string, log: () => string): Promise<void> {
	for (const until = Date.now() + 180_000; Date.now() < until;) {
		const ok = await fetch(`${base}/healthz`).then(
			(r) => r.ok,
			() => false,
		);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`npm run ui never answered:\n${log().slice(-3000)}`);
}

/** The .eml files in a folder once there are `count` of them (the worker runs every minute). */
async function untilFiles(dir: string, count: number, ms: number): Promise<string[]> {
	let files: string[] = [];
	for (const until = Date.now() + ms; Date.now() < until;) {
		files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
		if (files.length >= count) return files;
		await new Promise((r) => setTimeout(r, 1000));
	}
	return files;
}
