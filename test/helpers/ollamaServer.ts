import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { lexicalVector } from '../../nodes/engine';

export const OLLAMA_DIMS = 64;

/**
 * A loopback server speaking the Ollama embed API (`POST /api/embed` {model, input} →
 * {embeddings}), so n8n's own Embeddings Ollama sub-node can be connected in tests. Its vectors are
 * the lexical ones folded to 64 dimensions: deterministic, and a size of their own.
 */
export async function startOllamaServer(): Promise<{
	baseUrl: string;
	requests: Array<{ model: string; inputs: number }>;
	stop: () => Promise<void>;
}> {
	const requests: Array<{ model: string; inputs: number }> = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			if (req.method !== 'POST' || req.url !== '/api/embed') {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: `unknown endpoint ${req.method} ${req.url}` }));
				return;
			}
			const { model, input } = JSON.parse(body) as { model: string; input: string | string[] };
			const inputs = Array.isArray(input) ? input : [input];
			requests.push({ model, inputs: inputs.length });
			const embeddings = inputs.map((text) => {
				const folded = new Array<number>(OLLAMA_DIMS).fill(0);
				lexicalVector(text).forEach((v, i) => (folded[i % OLLAMA_DIMS] += v));
				const norm = Math.hypot(...folded) || 1;
				return folded.map((v) => v / norm);
			});
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ model, embeddings }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
