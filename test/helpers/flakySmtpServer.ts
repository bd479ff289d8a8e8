import { type AddressInfo, createServer, type Socket } from 'node:net';

/**
 * A loopback SMTP server that speaks just enough SMTP to take a message and then misbehaves the way
 * a real relay can: `drop-after-data` closes the connection once the whole message (the final dot)
 * arrived, without answering — the message may have been queued; `hang-after-data` never answers;
 * `drop-at-mail` closes the connection at MAIL FROM, before anything was sent.
 * `messages` counts the complete messages it received, i.e. what a recipient could have got.
 */
export type Misbehaviour = 'drop-after-data' | 'hang-after-data' | 'drop-at-mail';

export async function startFlakySmtpServer(mode: Misbehaviour): Promise<{
	port: number;
	messages: string[];
	stop: () => Promise<void>;
}> {
	const messages: string[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		let buffer = '';
		let inData = false;
		socket.write('220 flaky.example.test ESMTP\r\n');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('latin1');
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					messages.push(buffer.slice(0, end));
					buffer = buffer.slice(end + 5);
					inData = false;
					if (mode === 'drop-after-data') socket.destroy();
					return; // hang-after-data: no answer, ever
				}
				const eol = buffer.indexOf('\r\n');
				if (eol < 0) return;
				const line = buffer.slice(0, eol);
				buffer = buffer.slice(eol + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') socket.write('250 flaky.example.test\r\n');
				else if (verb === 'MAIL') {
					if (mode === 'drop-at-mail') return void socket.destroy();
					socket.write('250 2.1.0 OK\r\n');
				} else if (verb === 'RCPT') socket.write('250 2.1.5 OK\r\n');
				else if (verb === 'DATA') {
					inData = true;
					socket.write('354 go ahead\r\n');
				} else if (verb === 'QUIT') socket.end('221 bye\r\n');
				else socket.write('250 OK\r\n');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		messages,
		stop: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}
