import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking the Microsoft Graph calls the Outlook ingest uses: a mail folder's
 * messages (OData paging with @odata.nextLink, $top, $filter on receivedDateTime) and a message's
 * MIME content ($value); bearer-token check and one 429 with Retry-After to exercise throttling.
 */
export interface GraphMessage {
	id: string;
	conversationId: string;
	raw: Buffer;
	received: Date;
	/** The sender's address, for `from/emailAddress/address eq '…'` filters. */
	from?: string;
}

export interface GraphServer {
	baseUrl: string;
	token: string;
	requests: string[];
	stop: () => Promise<void>;
}

export async function startGraphServer(
	folders: Record<string, GraphMessage[]>,
	options: { throttleOnce?: boolean; maxPageSize?: number } = {},
): Promise<GraphServer> {
	const token = 'eyJ0eXAi.loopback';
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
		const list = /^\/v1\.0\/me\/mailFolders\/([^/]+)\/messages$/.exec(url.pathname);
		if (list) {
			const messages = folders[decodeURIComponent(list[1]).toLowerCase()];
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
			for (const clause of (url.searchParams.get('$filter') ?? '').split(' and ').filter(Boolean)) {
				const bare = clause.replace(/^\((.*)\)$/, '$1');
				const date = /^receivedDateTime ge (\S+)$/.exec(bare);
				const sender = /^from\/emailAddress\/address eq '([^']*)'$/.exec(bare);
				if (date) since = date[1];
				else if (sender) from = sender[1];
				else
					return json(400, {
						error: { code: 'BadRequest', message: `Invalid filter clause: ${bare}` },
					});
			}
			const sorted = messages
				.filter((m) => !since || m.received >= new Date(since))
				.filter((m) => !from || m.from?.toLowerCase() === from.toLowerCase())
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
				})),
				...(skip + top < sorted.length ? { '@odata.nextLink': nextUrl.toString() } : {}),
			});
		}
		const value = /^\/v1\.0\/me\/messages\/([^/]+)\/\$value$/.exec(url.pathname);
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
		token,
		requests,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
