import type { AddressInfo, Socket } from 'node:net';

import { SMTPServer } from 'smtp-server';

export interface Received {
	messageId: string;
	to: string[];
	at: number;
	raw: string;
}

/**
 * A loopback SMTP sink (smtp-server): accepts every message and logs it with its receive time: when
 * its transaction began (MAIL FROM), as a receiver's rate counter sees a sender, so the sink's own
 * handling of the body does not shift one message against the next.
 * Recipients can be scripted: `replies` maps an address to the SMTP answers it gets, in order
 * (e.g. ['451 4.7.1 slow down'] then acceptance, or ['550 5.1.1 user unknown']).
 * `refuseEveryone` answers every recipient with one reply: a receiver that has blocked the sender.
 */
export async function startSmtpSink(
	replies: Record<string, string[]> = {},
	/** `onMessage`: called with each message accepted (a test's mail server delivers it on). */
	options: { refuseEveryone?: string; onMessage?: (message: Received) => void } = {},
): Promise<{
	port: number;
	received: Received[];
	stop: () => Promise<void>;
}> {
	const received: Received[] = [];
	const scripted = new Map(Object.entries(replies).map(([k, v]) => [k.toLowerCase(), [...v]]));
	const started = new Map<string, number>();
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		size: 50 * 1024 * 1024,
		onMailFrom(_address, session, callback) {
			started.set(session.id, Date.now());
			callback();
		},
		onRcptTo(address, _session, callback) {
			const next = options.refuseEveryone ?? scripted.get(address.address.toLowerCase())?.shift();
			if (!next) return callback();
			const code = Number(next.slice(0, 3));
			const error = Object.assign(new Error(next.slice(4)), { responseCode: code });
			callback(error);
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString();
				const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
				const message = {
					messageId,
					to: session.envelope.rcptTo.map((r) => r.address),
					at: started.get(session.id) ?? Date.now(),
					raw,
				};
				received.push(message);
				options.onMessage?.(message);
				callback();
			});
		},
	});
	// A client killed mid-session resets its socket: a receiving server logs that and goes on.
	server.on('error', () => undefined);
	// Replies go out as written, as a receiving MTA sends them: a reply held back by Nagle's
	// algorithm would delay the sender's next command and blur the receive times measured here.
	server.server.on('connection', (socket: Socket) => socket.setNoDelay(true));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.server.address() as AddressInfo).port,
		received,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
