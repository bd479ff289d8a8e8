import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiReply {
	status: number;
	json?: unknown;
	headers?: Record<string, string>;
}

/**
 * A loopback HTTP server answering each request (with its whole body read) from `handle`, after
 * `latencyMs` (a real provider's API answers in 50–300 ms); `'drop'` closes the connection without
 * an answer, as a provider that died mid-request would.
 */
export async function startLoopbackApi(
	handle: (req: IncomingMessage, body: string) => ApiReply | 'drop',
	latencyMs = 0,
): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', async () => {
			let reply: ApiReply | 'drop';
			try {
				reply = handle(req, body);
			} catch (error) {
				reply = { status: 500, json: { message: (error as Error).message } };
			}
			if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
			if (reply === 'drop') {
				req.socket.destroy();
				return;
			}
			const type = reply.json === undefined ? {} : { 'content-type': 'application/json' };
			res.writeHead(reply.status, { ...type, ...reply.headers });
			res.end(reply.json === undefined ? undefined : JSON.stringify(reply.json));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Scripted answers per recipient, in order (e.g. `[429]`, then the real answer). */
export function scriptedStatuses(
	replies: Record<string, number[]>,
): (to: string) => number | undefined {
	const scripted = new Map(Object.entries(replies).map(([k, v]) => [k.toLowerCase(), [...v]]));
	return (to) => scripted.get(to.toLowerCase())?.shift();
}
