import type { Socket } from 'node:net';
import { Readable } from 'node:stream';

import SMTPConnection from 'nodemailer/lib/smtp-connection';

import { invalidInput } from '../../errors';
import { type DkimSettings, dkimSettingsProblem } from '../deliverability/dkimKey';
import { mimeComposer } from './mimeComposer';
import { type Provider, ProviderError, smtpFailure } from './Provider';

interface Prepared {
	raw: Buffer;
	envelope: { from: string; to: string[] };
}

export interface SmtpSettings {
	host: string;
	port: number;
	secure?: boolean;
	user?: string;
	password?: string;
	/** Connections kept open and reused. */
	maxConnections?: number;
	/** Connecting, the greeting, and silence on an open connection (ms); a hung server never holds a worker. */
	connectionTimeoutMs?: number;
	greetingTimeoutMs?: number;
	socketTimeoutMs?: number;
	/** Signs every message for this domain (the user's own MTA; relays rarely sign for them). */
	dkim?: DkimSettings;
}

/** Generous for a slow relay, short of holding a worker for nodemailer's defaults (2 and 10 min). */
const TIMEOUTS = { connection: 15_000, greeting: 15_000, socket: 60_000 };

/**
 * SMTP over a small pool of persistent nodemailer connections, opened up front by `warmUp` so the
 * first message does not pay the handshake (which would bunch sends behind it and break a
 * per-second limit as the receiver sees it). Reply codes are classified for retry or failure; a
 * connection that saw an error is dropped and replaced.
 *
 * Lost answers: a message counts as delivered once the server answers the end of its data, and an
 * answer can be lost after the server queued it. So a dropped connection or a timeout *once the
 * message data began to flow* (after DATA's 354) is `ambiguous` (never retried); before that,
 * nothing can have been accepted and the message is retried once on a fresh connection (a pooled
 * connection the server closed while idle), then deferred.
 */
export function smtpProvider(settings: SmtpSettings): Provider {
	const dkimProblem = settings.dkim && dkimSettingsProblem(settings.dkim);
	if (dkimProblem) throw invalidInput(dkimProblem.message, dkimProblem.description);
	const composer = mimeComposer(settings.dkim);
	const max = settings.maxConnections ?? 2;
	const idle: SMTPConnection[] = [];
	const waiting: Array<(c: SMTPConnection) => void> = [];
	let open = 0;
	let closed = false;

	async function connect(): Promise<SMTPConnection> {
		const connection = new SMTPConnection({
			host: settings.host,
			port: settings.port,
			secure: settings.secure ?? false,
			ignoreTLS: !settings.secure && ['127.0.0.1', 'localhost'].includes(settings.host),
			connectionTimeout: settings.connectionTimeoutMs ?? TIMEOUTS.connection,
			greetingTimeout: settings.greetingTimeoutMs ?? TIMEOUTS.greeting,
			socketTimeout: settings.socketTimeoutMs ?? TIMEOUTS.socket,
		});
		open++;
		try {
			await new Promise<void>((resolve, reject) => {
				connection.once('error', reject);
				connection.connect(() => resolve());
			});
			if (settings.user) {
				await new Promise<void>((resolve, reject) =>
					connection.login({ user: settings.user as string, pass: settings.password }, (error) =>
						error ? reject(error) : resolve(),
					),
				);
			}
			connection.on('error', () => undefined);
			// Commands go out as written: with Nagle's algorithm a command could wait for the ACK of
			// the previous segment (up to 40 ms on Linux), landing a message late for its rate slot.
			(connection as unknown as { _socket?: Socket })._socket?.setNoDelay(true);
			return connection;
		} catch (error) {
			open--;
			connection.close();
			const e = error as { responseCode?: number; message: string; command?: string };
			throw e.responseCode
				? smtpFailure(e.responseCode, e.message, e.command ?? 'CONN')
				: new ProviderError('transient', `SMTP ${settings.host}:${settings.port}: ${e.message}`);
		}
	}

	async function prepare(message: Parameters<Provider['send']>[0]): Promise<Prepared> {
		const built = (await composer.sendMail(message)) as unknown as {
			message: Buffer;
			envelope: { from: string; to: string[] };
		};
		return { raw: built.message, envelope: built.envelope };
	}

	async function acquire(): Promise<SMTPConnection> {
		const ready = idle.pop();
		if (ready) return ready;
		if (open < max) return await connect();
		return await new Promise((resolve) => waiting.push(resolve));
	}

	function release(connection: SMTPConnection, broken: boolean): void {
		if (broken || closed) {
			open--;
			connection.close();
			// A waiter gets a fresh connection in place of the dropped one.
			const next = waiting.shift();
			if (next && !closed) connect().then(next, () => waiting.unshift(next));
			return;
		}
		const next = waiting.shift();
		if (next) next(connection);
		else idle.push(connection);
	}

	return {
		name: 'smtp',
		parallel: max,
		signingDomain: settings.dkim?.domainName.trim().toLowerCase(),
		async warmUp() {
			// Also runs the MIME builder once, so the first real message is not slower than the rest.
			await prepare({
				from: 'warm-up@localhost',
				to: 'warm-up@localhost',
				subject: '-',
				text: '-',
				messageId: '<warm-up@localhost>',
			});
			const connections = await Promise.all(
				Array.from({ length: Math.max(0, max - open) }, connect),
			);
			// A command round trip on each connection warms both ends' code paths too.
			await Promise.all(
				connections.map((c) => new Promise<void>((resolve) => c.reset(() => resolve()))),
			);
			for (const c of connections) release(c, false);
		},
		prepare,
		async send(message, prepared) {
			const { raw, envelope } = (prepared as Prepared | undefined) ?? (await prepare(message));
			for (let fresh = 0; ; fresh++) {
				const connection = await acquire();
				// Fed as a stream that nodemailer pipes only once the server answered DATA with 354: its
				// first read marks the message as on its way. From there a failure may follow the
				// server's acceptance (its answer to the final dot lost), so it counts as sent-maybe.
				let written = false;
				const body = new Readable({
					read() {
						written = true;
						this.push(raw);
						this.push(null);
					},
				});
				try {
					const info = await new Promise<{ response?: string }>((resolve, reject) =>
						connection.send(envelope, body, (error, result) =>
							error ? reject(error) : resolve(result),
						),
					);
					release(connection, false);
					return { providerMessageId: `${message.messageId} ${info.response ?? ''}`.trim() };
				} catch (error) {
					release(connection, true);
					const e = error as {
						responseCode?: number;
						response?: string;
						message: string;
						command?: string;
					};
					if (e.responseCode) throw smtpFailure(e.responseCode, e.response ?? e.message, e.command);
					const where = `SMTP ${settings.host}:${settings.port}`;
					if (written)
						throw new ProviderError(
							'ambiguous',
							`${where}: ${e.message} after the message data was sent; the server may have accepted it`,
							{ code: (error as { code?: string }).code },
						);
					if (fresh === 0) continue;
					throw new ProviderError(
						'transient',
						`${where}: ${e.message} before the message was sent`,
					);
				}
			}
		},
		async close() {
			closed = true;
			for (const c of idle.splice(0)) c.quit();
			composer.close();
		},
	};
}
