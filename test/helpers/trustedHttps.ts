import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { Agent, fetch as undiciFetch } from 'undici';

import { tempDir } from './tempDir';

/**
 * An https server on loopback with a certificate for 127.0.0.1 (made by openssl), and a fetch that
 * trusts it (undici with the certificate as its CA): a check over https sees a real TLS handshake
 * succeed, while the global fetch still refuses the self-signed certificate.
 */
export async function startTrustedHttps(
	handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; fetch: typeof fetch; requests: string[]; stop: () => Promise<void> }> {
	const dir = tempDir('https-');
	const key = join(dir.path, 'key.pem');
	const cert = join(dir.path, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
			'-keyout',
			key,
			'-out',
			cert,
		],
		{ stdio: 'ignore' },
	);
	const requests: string[] = [];
	const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
		requests.push(`${req.method} ${req.url}`);
		handle(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const agent = new Agent({ connect: { ca: readFileSync(cert) } });
	return {
		url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
		fetch: ((url: string, init: object) =>
			undiciFetch(url, { ...init, dispatcher: agent })) as unknown as typeof fetch,
		requests,
		stop: async () => {
			await agent.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			dir.remove();
		},
	};
}
