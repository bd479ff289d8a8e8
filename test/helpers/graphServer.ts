import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking the Microsoft Graph calls the Outlook ingest uses: a mail folder's
 * messages (OData paging with @odata.nextLink, $top, $filter on receivedDateTime) and a message's
 * MIME content ($value), in the signed-in user's mailbox or a shared one; bearer-token check, one
 * 429 with Retry-After to exercise throttling, and a token endpoint that honours a refresh token.
 * sendMail with MIME content (base64 text/plain) is answered 202, or by `sendAnswers` in order.
 * A folder's messages/delta pages through the messages added since its deltaLink (a folder's
 * array may grow while the server runs). `internetMessageId eq '…'` finds a message by its
 * Message-ID, in a folder or across the mailbox (`/messages`, with its parentFolderId).
 */
export interface GraphMessage {
	id: string;
	conversationId: string;
	raw: Buffer;
	received: Date;
	/** The sender's address, for `from/emailAddress/address eq '…'` filters. */
	from?: string;
}

/** How the server answers one sendMail: accepted, no answer, a dropped connection, or an error. */
export type GraphSendAnswer =
	'ok' | 'hang' | 'drop' | { status: number; code: string; retryAfter?: string };

export interface GraphSent {
	/** `me` or the shared mailbox the message was sent from. */
	mailbox: string;
	raw: string;
}

export interface GraphServer {
	baseUrl: string;
	/** Messages accepted by sendMail, decoded. */
	sent: GraphSent[];
	token: string;
	/** Exchanged at `${baseUrl}/oauth2/v2.0/token` for `token`, as Microsoft's token endpoint does. */
	refreshToken: string;
	requests: string[];
	stop: () => Promise<void>;
}

export async function startGraphServer(
	folders: Record<string, GraphMessage[]>,
	options: {
		throttleOnce?: boolean;
		maxPageSize?: number;
		sharedMailboxes?: string[];
		sendAnswers?: GraphSendAnswer[];
	} = {},
): Promise<GraphServer> {
	const sent: GraphSent[] = [];
	const answers = [...(options.sendAnswers ?? [])];
	const token = 'eyJ0eXAi.loopback';
	const refreshToken = 'M.refresh.loopback';
	const requests: string[] = [];
	let throttled = !options.throttleOnce;
	let base = '';
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		requests.push(
			`${req.method} ${decodeURIComponent((url.pathname + url.search).replace(/\+/g, ' '))}`,
		);
		const json = (status: number, body: object, headers: Record<string, string> = {}) => {
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(JSON.stringify(body));
		};
		if (req.method === 'POST' && url.pathname === '/oauth2/v2.0/token') {
			let form = '';
			req.on('data', (chunk: Buffer) => (form += chunk.toString()));
			req.on('end', () => {
				const params = new URLSearchParams(form);
				if (
					params.get('grant_type') !== 'refresh_token' ||
					params.get('refresh_token') !== refreshToken
				)
					return json(400, {
						error: 'invalid_grant',
						error_description: 'AADSTS70000: The provided grant has expired.',
					});
				json(200, {
					token_type: 'Bearer',
					expires_in: 3599,
					access_token: token,
					refresh_token: refreshToken,
				});
			});
			return;
		}
		if (req.headers.authorization !== `Bearer ${token}`) {
			return json(401, {
				error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
			});
		}
		if (!throttled) {
			throttled = true;
			return json(
				429,
				{ error: { code: 'TooManyRequests', message: 'Please retry.' } },
				{ 'retry-after': '1' },
			);
		}
		const mailbox = /^\/v1\.0\/(?:me|users\/([^/]+))\//.exec(url.pathname);
		const upn = mailbox?.[1] && decodeURIComponent(mailbox[1]);
		if (upn && !options.sharedMailboxes?.includes(upn))
			return json(404, {
				error: { code: 'ErrorInvalidUser', message: `The requested user '${upn}' is invalid.` },
			});
		const path = url.pathname.replace(/^\/v1\.0\/(?:me|users\/[^/]+)\//, '/');
		if (req.method === 'POST' && path === '/sendMail') {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const answer = answers.shift() ?? 'ok';
				if (answer === 'hang') return;
				if (answer === 'drop') return req.socket.destroy();
				if (answer !== 'ok')
					return json(
						answer.status,
						{ error: { code: answer.code, message: `${answer.code} (loopback)` } },
						answer.retryAfter ? { 'retry-after': answer.retryAfter } : {},
					);
				if (!/^text\/plain/.test(req.headers['content-type'] ?? ''))
					return json(400, {
						error: { code: 'ErrorMimeContentInvalid', message: 'MIME content must be text/plain' },
					});
				const raw = Buffer.from(Buffer.concat(chunks).toString(), 'base64').toString();
				sent.push({ mailbox: upn || 'me', raw });
				res.writeHead(202);
				res.end();
			});
			return;
		}
		// Delta on a folder: every message not seen at the token (its count), then a deltaLink.
		const delta = /^\/mailFolders\/([^/]+)\/messages\/delta$/.exec(path);
		if (delta) {
			const messages = folders[decodeURIComponent(delta[1]).toLowerCase()] ?? [];
			// Graph forgets old sync states: the client must start a new delta.
			if (url.searchParams.get('$deltatoken') === 'expired')
				return json(410, {
					error: { code: 'SyncStateNotFound', message: 'The sync state is not found.' },
				});
			const seen = Number(url.searchParams.get('$deltatoken') ?? 0);
			const start = Number(url.searchParams.get('$skiptoken') ?? seen);
			const page = messages.slice(start, start + (options.maxPageSize ?? 10));
			const link = new URL(url.pathname, base);
			const end = start + page.length;
			if (end < messages.length) link.searchParams.set('$skiptoken', String(end));
			else link.searchParams.set('$deltatoken', String(end));
			return json(200, {
				value: page.map((m) => ({ id: m.id, receivedDateTime: m.received.toISOString() })),
				[end < messages.length ? '@odata.nextLink' : '@odata.deltaLink']: link.toString(),
			});
		}
		const list =
			/^\/mailFolders\/([^/]+)\/messages$/.exec(path) ?? (path === '/messages' ? [path, ''] : null);
		if (list) {
			// The mailbox's own /messages lists every folder's, each with its parentFolderId.
			const messages = list[1]
				? folders[decodeURIComponent(list[1]).toLowerCase()]
				: Object.entries(folders).flatMap(([folder, ms]) => ms.map((m) => ({ ...m, folder })));
			if (!messages)
				return json(404, {
					error: {
						code: 'ErrorItemNotFound',
						message: 'The specified object was not found in the store.',
					},
				});
			// The two clause shapes the tests use; anything else is a 400, as Graph answers a bad filter.
			let since: string | undefined;
			let from: string | undefined;
			let internetMessageId: string | undefined;
			for (const clause of (url.searchParams.get('$filter') ?? '').split(' and ').filter(Boolean)) {
				const bare = clause.replace(/^\((.*)\)$/, '$1');
				const date = /^receivedDateTime ge (\S+)$/.exec(bare);
				const sender = /^from\/emailAddress\/address eq '([^']*)'$/.exec(bare);
				const byId = /^internetMessageId eq '((?:[^']|'')*)'$/.exec(bare);
				if (date) since = date[1];
				else if (sender) from = sender[1];
				else if (byId) internetMessageId = byId[1].replace(/''/g, "'");
				else
					return json(400, {
						error: { code: 'BadRequest', message: `Invalid filter clause: ${bare}` },
					});
			}
			const sorted = messages
				.filter((m) => !since || m.received >= new Date(since))
				.filter((m) => !from || m.from?.toLowerCase() === from.toLowerCase())
				.filter(
					(m) =>
						!internetMessageId ||
						/^Message-ID:\s*(<[^>]+>)/im.exec(m.raw.toString('latin1'))?.[1] === internetMessageId,
				)
				.sort((a, b) => b.received.getTime() - a.received.getTime());
			// Graph may return fewer than $top per page (server-driven paging); the client must follow nextLink.
			const top = Math.min(
				Number(url.searchParams.get('$top') ?? 10),
				options.maxPageSize ?? Number.POSITIVE_INFINITY,
			);
			const skip = Number(url.searchParams.get('$skip') ?? 0);
			const page = sorted.slice(skip, skip + top);
			const nextUrl = new URL(url.pathname, base);
			url.searchParams.forEach((v, k) => nextUrl.searchParams.set(k, v));
			nextUrl.searchParams.set('$skip', String(skip + top));
			return json(200, {
				'@odata.context': `${base}/v1.0/$metadata#users('me')/mailFolders('${list[1]}')/messages`,
				value: page.map((m) => ({
					id: m.id,
					conversationId: m.conversationId,
					receivedDateTime: m.received.toISOString(),
					...('folder' in m ? { parentFolderId: m.folder } : {}),
				})),
				...(skip + top < sorted.length ? { '@odata.nextLink': nextUrl.toString() } : {}),
			});
		}
		const value = /^\/messages\/([^/]+)\/\$value$/.exec(path);
		const message =
			value &&
			Object.values(folders)
				.flat()
				.find((m) => m.id === decodeURIComponent(value[1]));
		if (message) {
			res.writeHead(200, { 'content-type': 'text/plain' });
			return res.end(message.raw);
		}
		json(404, { error: { code: 'ErrorItemNotFound', message: 'Not found.' } });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		baseUrl: base,
		sent,
		token,
		refreshToken,
		requests,
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
