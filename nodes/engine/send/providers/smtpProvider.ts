import { Readable } from 'node:stream';

import { invalidInput } from '../../errors';
import { type DkimSettings, dkimSettingsProblem } from '../deliverability/dkimKey';
import { mimeComposer } from './mimeComposer';
import { type Provider, ProviderError, smtpFailure } from './Provider';
import { SmtpPool } from './smtpPool';

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
	const pool = new SmtpPool(settings, settings.maxConnections ?? 2);

	async function prepare(message: Parameters<Provider['send']>[0]): Promise<Prepared> {
		const built = (await composer.sendMail(message)) as unknown as {
			message: Buffer;
			envelope: { from: string; to: string[] };
		};
		return { raw: built.message, envelope: built.envelope };
	}

	return {
		name: 'smtp',
		parallel: pool.max,
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
				Array.from({ length: Math.max(0, pool.max - pool.open) }, () => pool.connect()),
			);
			// A command round trip on each connection warms both ends' code paths too.
			await Promise.all(
				connections.map((c) => new Promise<void>((resolve) => c.reset(() => resolve()))),
			);
			for (const c of connections) pool.release(c, false);
		},
		prepare,
		async send(message, prepared) {
			const { raw, envelope } = (prepared as Prepared | undefined) ?? (await prepare(message));
			return await transmit(pool, settings, raw, envelope, message.messageId);
		},
		async close() {
			pool.close();
			composer.close();
		},
	};
}

/**
 * One message over a pooled connection. Fed as a stream that nodemailer pipes only once the server
 * answered DATA with 354: its first read marks the message as on its way. From there a failure may
 * follow the server's acceptance (its answer to the final dot lost), so it counts as sent-maybe;
 * before it, the message is tried once more on a fresh connection.
 */
async function transmit(
	pool: SmtpPool,
	settings: SmtpSettings,
	raw: Buffer,
	envelope: Prepared['envelope'],
	messageId: string,
): Promise<{ providerMessageId: string }> {
	for (let fresh = 0; ; fresh++) {
		const connection = await pool.acquire();
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
			pool.release(connection, false);
			return { providerMessageId: `${messageId} ${info.response ?? ''}`.trim() };
		} catch (error) {
			pool.release(connection, true);
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
			throw new ProviderError('transient', `${where}: ${e.message} before the message was sent`);
		}
	}
}
