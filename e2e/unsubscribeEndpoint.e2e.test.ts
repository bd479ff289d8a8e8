import { request } from 'node:http';

import { closeAllEngines, defaultStoreConfig, openEngine } from '../nodes/engine';
import {
	PROBE_ADDRESS,
	unsubscribeEndpointCheck,
} from '../nodes/engine/send/deliverability/unsubscribeEndpointCheck';
import { startTrustedHttps } from '../test/helpers/trustedHttps';
import { N8n, type Server } from './helpers/n8n';
import { importStackCredentials, UNSUBSCRIBE_SECRET, WORKFLOWS } from './helpers/shipped';

const PATH = '/webhook/sales-engine/unsubscribe';

describe("the one-click unsubscribe check against a real n8n's webhook", () => {
	let n8n: N8n;
	let server: Server | null = null;
	let https: Awaited<ReturnType<typeof startTrustedHttps>>;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
		await importStackCredentials(n8n);
		await n8n.importFolder('workflow', WORKFLOWS);
		// n8n behind an https proxy, as a public deployment has it (RFC 8058 needs https).
		https = await startTrustedHttps((req, res) => {
			const upstream = request(
				`${server!.baseUrl}${req.url}`,
				{ method: req.method, headers: req.headers },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			upstream.on('error', () => res.writeHead(502).end());
			req.pipe(upstream);
		});
	});
	afterAll(async () => {
		await server?.stop();
		await https?.stop();
		await closeAllEngines();
		n8n?.remove();
	});

	const check = () =>
		unsubscribeEndpointCheck(`${https.url}${PATH}`, {
			secret: UNSUBSCRIBE_SECRET,
			fetch: https.fetch,
			timeoutMs: 20_000,
		});

	it('fails while the Unsubscribe workflow is inactive (n8n answers 404), passes once it is active, and stores nothing for the probe', async () => {
		server = await n8n.start();
		const inactive = await check();
		expect(inactive).toMatchObject({ check: 'unsubscribe', ok: false, level: 'fail' });
		expect(inactive.message).toMatch(
			/^The unsubscribe endpoint answers a one-click POST with 404: n8n answers 404 for the webhook of an inactive workflow/,
		);
		await server.stop();
		server = null;

		await n8n.publish('SEunsubscribe001');
		server = await n8n.start();
		let active = await check();
		// n8n answers /healthz before it has registered every published webhook.
		for (let i = 0; i < 120 && !active.ok && / 404:/.test(active.message); i++) {
			await new Promise((r) => setTimeout(r, 250));
			active = await check();
		}
		expect(active).toMatchObject({
			ok: true,
			level: 'pass',
			message: 'The unsubscribe endpoint takes a one-click POST (200)',
		});
		// The probe went through the shipped workflow's Unsubscribe step, which stored nothing.
		await server.stop();
		server = null;
		const engine = await openEngine(defaultStoreConfig({ N8N_USER_FOLDER: n8n.userFolder }));
		const { rows } = await engine.db.query<{ n: number }>(
			'select count(*)::int as n from suppressions where value = $1',
			[PROBE_ADDRESS],
		);
		expect(Number(rows[0].n)).toBe(0);
	});
});
