import type { Socket } from 'node:net';

import SMTPConnection from 'nodemailer/lib/smtp-connection';

import { ProviderError, smtpFailure } from './Provider';
import type { SmtpSettings } from './smtpProvider';

/** Generous for a slow relay, short of holding a worker for nodemailer's defaults (2 and 10 min). */
const TIMEOUTS = { connection: 15_000, greeting: 15_000, socket: 60_000 };

/**
 * Up to `max` persistent SMTP connections, logged in and reused: a caller takes an idle one, opens
 * a new one under the limit, or waits in arrival order. A connection that saw an error is dropped
 * and a waiter gets a fresh one in its place.
 */
export class SmtpPool {
	private readonly idle: SMTPConnection[] = [];
	private readonly waiting: Array<(c: SMTPConnection) => void> = [];
	/** Connections open or opening. */
	open = 0;
	private closed = false;

	constructor(
		private readonly settings: SmtpSettings,
		readonly max: number,
	) {}

	async connect(): Promise<SMTPConnection> {
		const { settings } = this;
		const connection = new SMTPConnection({
			host: settings.host,
			port: settings.port,
			secure: settings.secure ?? false,
			ignoreTLS: !settings.secure && ['127.0.0.1', 'localhost'].includes(settings.host),
			connectionTimeout: settings.connectionTimeoutMs ?? TIMEOUTS.connection,
			greetingTimeout: settings.greetingTimeoutMs ?? TIMEOUTS.greeting,
			socketTimeout: settings.socketTimeoutMs ?? TIMEOUTS.socket,
		});
		this.open++;
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
			this.open--;
			connection.close();
			const e = error as { responseCode?: number; message: string; command?: string };
			throw e.responseCode
				? smtpFailure(e.responseCode, e.message, e.command ?? 'CONN')
				: new ProviderError('transient', `SMTP ${settings.host}:${settings.port}: ${e.message}`);
		}
	}

	async acquire(): Promise<SMTPConnection> {
		const ready = this.idle.pop();
		if (ready) return ready;
		if (this.open < this.max) return await this.connect();
		return await new Promise((resolve) => this.waiting.push(resolve));
	}

	release(connection: SMTPConnection, broken: boolean): void {
		if (broken || this.closed) {
			this.open--;
			connection.close();
			// A waiter gets a fresh connection in place of the dropped one.
			const next = this.waiting.shift();
			if (next && !this.closed) this.connect().then(next, () => this.waiting.unshift(next));
			return;
		}
		const next = this.waiting.shift();
		if (next) next(connection);
		else this.idle.push(connection);
	}

	close(): void {
		this.closed = true;
		for (const c of this.idle.splice(0)) c.quit();
	}
}
