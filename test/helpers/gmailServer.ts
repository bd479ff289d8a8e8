import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking the Gmail REST calls the package uses — users.messages.list and
 * users.messages.get?format=raw (the ingest), users.messages.send (the sender), users.getProfile
 * and users.history.list (reading replies; `messages` may grow while it runs) — with Gmail's JSON
 * shapes, paging and bearer-token check. Sends can be scripted: each answer in `sendAnswers` is
 * used once, in order, then every send is accepted.
 */
export interface GmailMessage {
	id: string;
	threadId: string;
	raw: Buffer;
	internalDate: Date;
	labelIds?: string[];
}

/** How the server answers one users.messages.send. */
export type GmailSendAnswer =
	| 'ok'
	/** Reads the request, never answers. */
	| 'hang'
	/** Reads the request, then closes the connection without an answer. */
	| 'drop'
	| { status: number; reason: string; retryAfter?: string };

export interface GmailSent {
	id: string;
	threadId: string;
	raw: string;
}

export interface GmailServer {
	rootUrl: string;
	token: string;
	/** Messages accepted by users.messages.send, decoded. */
	sent: GmailSent[];
	/** Every request path, for asserting paging. */
	requests: string[];
	stop: () => Promise<void>;
}

/** A raw message's Message-ID without its angle brackets, as rfc822msgid: takes it. */
const messageIdOf = (raw: Buffer) =>
	/^Message-ID:\s*<([^>]+)>/im.exec(raw.toString('latin1').split(/\r?\n\r?\n/)[0])?.[1];

export async function startGmailServer(
	messages: GmailMessage[],
	options: {
		pageSize?: number;
		missing?: string[];
		sendAnswers?: GmailSendAnswer[];
		/** History ids below this are too old (Gmail answers 404 and a full read is needed). */
		historyFloor?: number;
	} = {},
): Promise<GmailServer> {
	const token = 'ya29.loopback-token';
	const sent: GmailSent[] = [];
	const answers = [...(options.sendAnswers ?? [])];
	const pageSize = options.pageSize ?? 2;
	const requests: string[] = [];
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		requests.push(`${req.method} ${url.pathname}${url.search}`);
		const send = (status: number, body: object) => {
			res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
			res.end(JSON.stringify(body));
		};
		if (req.headers.authorization !== `Bearer ${token}`) {
			return send(401, {
				error: {
					code: 401,
					message: 'Request had invalid authentication credentials.',
					status: 'UNAUTHENTICATED',
				},
			});
		}
		if (req.method === 'POST' && url.pathname === '/gmail/v1/users/me/messages/send') {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const body = JSON.parse(Buffer.concat(chunks).toString()) as {
					raw: string;
					threadId?: string;
				};
				const answer = answers.shift() ?? 'ok';
				if (answer === 'hang') return;
				if (answer === 'drop') return req.socket.destroy();
				if (answer !== 'ok') {
					if (answer.retryAfter) res.setHeader('retry-after', answer.retryAfter);
					return send(answer.status, {
						error: {
							code: answer.status,
							message: `${answer.reason} (loopback)`,
							errors: [{ domain: 'usageLimits', reason: answer.reason, message: answer.reason }],
						},
					});
				}
				const id = `18f${String(sent.length + 1).padStart(13, '0')}`;
				const threadId = body.threadId ?? id;
				sent.push({ id, threadId, raw: Buffer.from(body.raw, 'base64url').toString() });
				send(200, { id, threadId, labelIds: ['SENT'] });
			});
			return;
		}
		// The mailbox's history: message i (0-based) was added at history id i + 1.
		if (url.pathname === '/gmail/v1/users/me/profile')
			return send(200, {
				emailAddress: 'dana@northwind.example.com',
				messagesTotal: messages.length,
				historyId: String(messages.length),
			});
		if (url.pathname === '/gmail/v1/users/me/history') {
			const start = Number(url.searchParams.get('startHistoryId'));
			if (start < (options.historyFloor ?? 0))
				return send(404, {
					error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
				});
			const label = url.searchParams.get('labelId');
			const from = Number(url.searchParams.get('pageToken') ?? start);
			const added = messages
				.map((m, i) => ({ m, historyId: i + 1 }))
				.filter((h) => h.historyId > from && (!label || h.m.labelIds?.includes(label)))
				.slice(0, pageSize);
			const last = added.at(-1)?.historyId;
			const more = last !== undefined && messages.length > last;
			return send(200, {
				history: added.map((h) => ({
					id: String(h.historyId),
					messagesAdded: [{ message: { id: h.m.id, threadId: h.m.threadId } }],
				})),
				historyId: String(messages.length),
				...(more ? { nextPageToken: String(last) } : {}),
			});
		}
		const list = /^\/gmail\/v1\/users\/me\/messages$/.exec(url.pathname);
		if (list) {
			const q = url.searchParams.get('q') ?? '';
			const inbox = /\bin:inbox\b/.test(q);
			// rfc822msgid: finds a message by its Message-ID; spam and trash only with includeSpamTrash.
			const byId = /^rfc822msgid:(\S+)$/.exec(q)?.[1];
			const spamTrash = url.searchParams.get('includeSpamTrash') === 'true';
			const matching = messages.filter(
				(m) =>
					(!q.startsWith('label:') || m.labelIds?.includes(q.slice(6).toUpperCase())) &&
					(!inbox || m.labelIds?.includes('INBOX')) &&
					(!byId ||
						(messageIdOf(m.raw) === byId &&
							(spamTrash || !m.labelIds?.some((l) => l === 'SPAM' || l === 'TRASH')))),
			);
			const max = Math.min(Number(url.searchParams.get('maxResults') ?? 100), pageSize);
			const start = Number(url.searchParams.get('pageToken') ?? 0);
			const page = matching.slice(start, start + max);
			const next = start + max < matching.length ? String(start + max) : undefined;
			return send(200, {
				messages: page.map((m) => ({ id: m.id, threadId: m.threadId })),
				...(next ? { nextPageToken: next } : {}),
				resultSizeEstimate: matching.length,
			});
		}
		const get = /^\/gmail\/v1\/users\/me\/messages\/([^/]+)$/.exec(url.pathname);
		const message =
			get && !options.missing?.includes(get[1]) ? messages.find((m) => m.id === get[1]) : undefined;
		if (get && message && url.searchParams.get('format') === 'minimal')
			return send(200, {
				id: message.id,
				threadId: message.threadId,
				labelIds: message.labelIds ?? [],
				internalDate: String(message.internalDate.getTime()),
			});
		if (get && message && url.searchParams.get('format') === 'raw') {
			return send(200, {
				id: message.id,
				threadId: message.threadId,
				labelIds: message.labelIds ?? ['SENT'],
				internalDate: String(message.internalDate.getTime()),
				sizeEstimate: message.raw.length,
				raw: message.raw.toString('base64url'),
			});
		}
		send(404, {
			error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		rootUrl: `http://127.0.0.1:${port}/`,
		token,
		sent,
		requests,
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
