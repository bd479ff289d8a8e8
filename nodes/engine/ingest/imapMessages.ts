import type { ImapFlow } from 'imapflow';

import { EngineError } from '../errors';
import type { IngestItem } from './types';

export interface ImapSource {
	host: string;
	port: number;
	/** TLS from the start (993); false for plain or STARTTLS (143). */
	secure: boolean;
	user: string;
	password: string;
	allowUnauthorizedCerts?: boolean;
	/** e.g. INBOX, Sent, "[Gmail]/Sent Mail". */
	folder: string;
	since?: Date;
	/** Newest N messages; undefined for all. */
	limit?: number;
}

/** UIDs fetched per FETCH command: bounded memory, few round trips. */
const FETCH_CHUNK = 200;

function connectionError(
	source: Pick<ImapSource, 'host' | 'port' | 'user'>,
	error: unknown,
): EngineError {
	const err = error as {
		authenticationFailed?: boolean;
		code?: string;
		message?: string;
		responseText?: string;
	};
	const where = `${source.host}:${source.port}`;
	if (err.authenticationFailed) {
		return new EngineError(
			'STORE_AUTH',
			`The IMAP server at ${where} refused the login for "${source.user}"`,
			'Check the user and password of the IMAP credential (Gmail and Outlook need an app password).',
			{ cause: error },
		);
	}
	const reason =
		err.code === 'ECONNREFUSED'
			? 'connection refused'
			: err.code === 'ENOTFOUND'
				? 'host not found'
				: (err.responseText ?? err.message ?? String(error));
	return new EngineError(
		'STORE_UNREACHABLE',
		`Cannot reach the IMAP server at ${where}: ${reason}`,
		'Check the host, port and SSL/TLS setting of the IMAP credential.',
		{ cause: error },
	);
}

/** A connected imapflow client, or an error naming the server and what to check. */
export async function connectImap(
	source: Pick<
		ImapSource,
		'host' | 'port' | 'secure' | 'user' | 'password' | 'allowUnauthorizedCerts'
	>,
): Promise<ImapFlow> {
	// Loaded on use: imapflow and its logger are ~18 MB resident that other operations never need.
	const { ImapFlow: Client } = await import('imapflow');
	const client: ImapFlow = new Client({
		host: source.host,
		port: source.port,
		secure: source.secure,
		auth: { user: source.user, pass: source.password },
		tls: { rejectUnauthorized: !source.allowUnauthorizedCerts },
		logger: false,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
	});
	// A dropped connection is reported by the command that was running; this keeps it from
	// crashing n8n.
	client.on('error', () => undefined);
	try {
		await client.connect();
	} catch (error) {
		throw connectionError(source, error);
	}
	return client;
}

/**
 * Reads a mailbox folder through IMAP (imapflow): the UIDs since a date, newest `limit` of them, in
 * chunks, each message's full source as raw MIME. A missing folder is an error that lists the
 * folders there are.
 */
export async function* imapMessages(source: ImapSource): AsyncGenerator<IngestItem> {
	const client = await connectImap(source);
	try {
		let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
		try {
			lock = await client.getMailboxLock(source.folder, { readOnly: true });
		} catch (error) {
			const folders = (await client.list().catch(() => [])).map((box) => box.path);
			throw new EngineError(
				'INVALID_INPUT',
				`The IMAP folder "${source.folder}" does not exist on ${source.host}`,
				folders.length ? `Folders there: ${folders.join(', ')}.` : undefined,
				{ cause: error },
			);
		}
		try {
			const found = await client.search(source.since ? { since: source.since } : { all: true }, {
				uid: true,
			});
			const uids = (found || []).sort((a, b) => a - b);
			const chosen = source.limit ? uids.slice(-source.limit) : uids;
			const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
			for (let i = 0; i < chosen.length; i += FETCH_CHUNK) {
				const range = chosen.slice(i, i + FETCH_CHUNK).join(',');
				const messages = [];
				for await (const message of client.fetch(
					range,
					{ uid: true, source: true, internalDate: true },
					{ uid: true },
				)) {
					messages.push(message);
				}
				// Yielded after the FETCH completes: no other IMAP command may run while one is streaming.
				for (const message of messages) {
					if (!message.source) continue;
					yield {
						kind: 'mime',
						provider: 'imap',
						origin: `${source.folder} UID ${message.uid}`,
						raw: message.source,
						fallbackSentAt: message.internalDate ? new Date(message.internalDate) : undefined,
						metadata: { imap: { folder: source.folder, uid: message.uid, uidValidity } },
					};
				}
			}
		} finally {
			lock.release();
		}
	} finally {
		await client.logout().catch(() => client.close());
	}
}
