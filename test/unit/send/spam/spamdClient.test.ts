import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';

import { spamdReport } from '../../../../nodes/engine/send/spam/spamdClient';

/** A loopback server that does `answer` with each connection once the request has arrived. */
async function fakeSpamd(
	answer: (socket: Socket) => void,
): Promise<{ port: number; server: Server }> {
	// Half-open, as spamd is: the request's end does not close the answer side.
	const server = createServer({ allowHalfOpen: true }, (socket) => {
		let seen = 0;
		socket.on('data', (chunk: Buffer) => {
			seen += chunk.length;
			if (seen >= 20) answer(socket);
		});
		socket.on('error', () => undefined);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { port: (server.address() as AddressInfo).port, server };
}

const MESSAGE = Buffer.from('Subject: hello\r\n\r\nHi there, a short message.\r\n');

describe('a spamd that misbehaves', () => {
	const cases: Array<[string, (s: Socket) => void, string]> = [
		['never answers', () => undefined, 'no answer within 300 ms'],
		['closes without answering', (s) => s.end(), 'an answer that is not spamd\'s ("")'],
		['drops the connection', (s) => s.destroy(), 'an answer that is not spamd\'s ("")'],
		[
			'answers without end',
			(s) => {
				const chunk = Buffer.alloc(1 << 20, 'x');
				for (let i = 0; i < 6; i++) s.write(chunk);
			},
			'an answer over 4194304 bytes',
		],
		[
			'answers in another protocol',
			(s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'),
			'an answer that is not spamd\'s ("HTTP/1.1 400 Bad Request")',
		],
	];

	it.each(cases)('%s: an error naming spamd, never a score', async (_what, answer, message) => {
		const { port, server } = await fakeSpamd(answer);
		try {
			await expect(spamdReport({ host: '127.0.0.1', port }, MESSAGE, 300)).rejects.toThrow(
				`spamd at 127.0.0.1:${port}: ${message}`,
			);
		} finally {
			server.close();
		}
	});

	it('reads an answer that arrives in pieces', async () => {
		const { port, server } = await fakeSpamd((s) => {
			const text = 'SPAMD/1.1 0 EX_OK\r\nContent-length: 2\r\nSpam: False ; 1.2 / 5.0\r\n\r\nok';
			for (const ch of text) s.write(ch);
			s.end();
		});
		try {
			expect(await spamdReport({ host: '127.0.0.1', port }, MESSAGE, 2000)).toEqual({
				isSpam: false,
				score: 1.2,
				required: 5,
				report: 'ok',
			});
		} finally {
			server.close();
		}
	});
});
