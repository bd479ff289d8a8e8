import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking OpenAI's Chat Completions shape (`POST /v1/chat/completions`), so
 * n8n's own OpenAI Chat Model sub-node can drive a test. It answers with `replies` in order (the
 * last one repeats) and records every request's model and messages.
 */
export async function startOpenAiServer(replies: string[]): Promise<{
	baseUrl: string;
	requests: Array<{ model: string; messages: Array<{ role: string; content: unknown }> }>;
	stop: () => Promise<void>;
}> {
	const requests: Array<{ model: string; messages: Array<{ role: string; content: unknown }> }> =
		[];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			const json = (status: number, value: object) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(value));
			};
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				json(404, {
					error: {
						message: `unknown endpoint ${req.method} ${req.url}`,
						type: 'invalid_request_error',
					},
				});
				return;
			}
			const request = JSON.parse(body) as (typeof requests)[number];
			requests.push({ model: request.model, messages: request.messages });
			const content = replies[Math.min(requests.length - 1, replies.length - 1)];
			json(200, {
				id: `chatcmpl-${requests.length}`,
				object: 'chat.completion',
				created: 1_780_000_000,
				model: request.model,
				choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
				usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
		requests,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
