/** The shipped workflows and the compose stack's first-start steps, as the e2e tests use them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8n } from './n8n';
import { PROJECT_ROOT } from './projectRoot';

export const WORKFLOWS = join(PROJECT_ROOT, 'workflows');

export interface WorkflowFile {
	id: string;
	nodes: Array<{ name: string; parameters: Record<string, unknown>; credentials?: object }>;
}

export const readWorkflow = (file: string) =>
	JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as WorkflowFile;

/** The webhook signing key the e2e stacks are made with (a random 256-bit key, as .env asks). */
export const WEBHOOK_KEY = 'Hx4Kp9Lm2Qr7Tv1Wz6Yb3Nc8Fd5Gs0Ja7Ue2Io9Ky4R';

// The token script users run (plain Node, no build).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { webhookToken } = require(join(PROJECT_ROOT, 'scripts', 'webhook-token.js')) as {
	webhookToken: (
		key: string,
		options?: { now?: number; lifetime?: number; jti?: string },
	) => string;
};

/** The Authorization header of one signed webhook request (a fresh token each call). */
export const signedBy = (
	key = WEBHOOK_KEY,
	options?: { now?: number; lifetime?: number; jti?: string },
) => ({ authorization: `Bearer ${webhookToken(key, options)}` });

/** The unsubscribe signing secret the e2e stacks are made with. */
export const UNSUBSCRIBE_SECRET = 'Vb7Nq2Wx9Lk4Rt6Yp1Zm8Hc3Jd5Fs0Ga2Ue7Io4Ky6T';

/** The stack's credentials (docker/make-credentials.js), imported as n8n-import does it. */
export async function importStackCredentials(n8n: N8n, webhookKey = WEBHOOK_KEY): Promise<void> {
	process.env.SALES_ENGINE_WEBHOOK_KEY = webhookKey;
	process.env.SALES_ENGINE_UNSUBSCRIBE_SECRET = UNSUBSCRIBE_SECRET;
	const folder = join(n8n.userFolder, 'compose-credentials');
	const script = join(PROJECT_ROOT, 'docker', 'make-credentials.js');
	const made = await n8n.run('node', [script, folder]);
	if (made.code !== 0) throw new Error(`make-credentials failed: ${made.stderr}`);
	await n8n.importFolder('credentials', folder);
}

/**
 * The shipped send worker as a user sets it up for real mail: its own unsubscribe credential (a
 * real secret), SMTP (here the loopback sink) at any hour. Everything else is the file as shipped,
 * but for the sending options and the schedule's rule a test may give.
 */
export async function importSendWorkerToSink(
	n8n: N8n,
	smtpPort: number,
	overrides: { options?: object; scheduleRule?: object } = {},
): Promise<void> {
	const worker = readWorkflow('send-worker.json');
	for (const n of worker.nodes) {
		if (n.name === 'Send due drafts') {
			// The sink's domain has no public DNS: the preflight fails, and is overridden on the record.
			const options = {
				anyHour: true,
				dnsServers: '127.0.0.1:1',
				deliverabilityOverride: 'e2e: loopback SMTP sink, example domains without DNS',
				...overrides.options,
			};
			n.parameters = { ...n.parameters, provider: 'smtp', options };
			n.credentials = {
				...n.credentials,
				smtp: { id: 'SEsmtpe2esink001', name: 'SMTP sink' },
			};
		}
		if (n.name === 'Every minute' && overrides.scheduleRule) {
			n.parameters = { ...n.parameters, rule: overrides.scheduleRule };
		}
	}
	await n8n.import('credentials', [
		{
			id: 'SEsmtpe2esink001',
			name: 'SMTP sink',
			type: 'smtp',
			data: { host: '127.0.0.1', port: smtpPort, secure: false, user: '', password: '' },
		},
		{
			id: 'SEunsubsecret001',
			name: 'Sales Engine unsubscribe',
			type: 'salesEngineUnsubscribeApi',
			data: {
				unsubscribeUrl: 'https://n8n.example.com/webhook/sales-engine/unsubscribe',
				secret: UNSUBSCRIBE_SECRET,
			},
		},
	]);
	await n8n.import('workflow', [worker]);
}

/**
 * Re-imports the shipped send worker with its sending window open every day and hour, so a test
 * that sends never depends on the wall-clock hour, the weekday or the machine's time zone. The
 * window is still read and applied by the node (not switched off), only pinned wide open.
 */
export async function importSendWorkerAnyTime(n8n: N8n): Promise<void> {
	const worker = readWorkflow('send-worker.json');
	const node = worker.nodes.find((n) => n.name === 'Send due drafts');
	if (!node) throw new Error('send-worker.json has no "Send due drafts" node');
	node.parameters = {
		...node.parameters,
		options: {
			...(node.parameters.options as object),
			days: [0, 1, 2, 3, 4, 5, 6],
			startHour: 0,
			endHour: 24,
		},
	};
	await n8n.import('workflow', [worker]);
}

/** Polls n8n's status endpoint of a form-waiting execution until it has left the waiting states. */
export async function settledStatus(baseUrl: string, formUrl: string): Promise<string> {
	const { pathname, search } = new URL(formUrl);
	const statusUrl = `${baseUrl}${pathname}/n8n-execution-status${search}`;
	let status = '';
	for (const until = Date.now() + 60_000; Date.now() < until;) {
		status = await (await fetch(statusUrl)).text();
		if (!['form-waiting', 'waiting', 'running', 'new'].includes(status)) break;
		await new Promise((r) => setTimeout(r, 250));
	}
	return status;
}

/**
 * Waits until n8n serves a production webhook: `n8n start` answers /healthz before it has
 * registered every published workflow's webhooks.
 */
export async function untilRegistered(url: string, init: RequestInit = {}): Promise<void> {
	for (const until = Date.now() + 60_000; Date.now() < until;) {
		const response = await fetch(url, init);
		await response.arrayBuffer();
		if (response.status !== 404) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`n8n never registered ${url}`);
}
