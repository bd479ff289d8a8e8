import { EngineError } from '../errors';
import type { IngestItem } from './types';

/** What one Graph GET answered: its status, Retry-After when throttled, and the body. */
export interface GraphReply {
	status: number;
	retryAfter?: string;
	body: Buffer;
}

/**
 * One authenticated GET to Microsoft Graph. In n8n it goes through the credential's own request
 * helper, which refreshes an expired token; `graphWithToken` is the plain bearer-token version.
 * Throws only when Graph cannot be reached at all.
 */
export type GraphGet = (url: string, accept: string) => Promise<GraphReply>;

export interface OutlookSource {
	get: GraphGet;
	/** A well-known folder name (sentitems, inbox, archive) or a folder id. */
	folder: string;
	/** A shared mailbox's user principal name or id; the signed-in user's own mailbox otherwise. */
	mailbox?: string;
	since?: Date;
	/** An OData $filter over message properties, ANDed with `since`. */
	filter?: string;
	/** Newest N messages; undefined for all. */
	limit?: number;
	/** Microsoft Graph's root: https://graph.microsoft.com by default; national clouds or tests otherwise. */
	baseUrl?: string;
}

const PAGE_SIZE = 100;
const MAX_RETRIES = 3;

export function graphWithToken(token: string): GraphGet {
	return async (url, accept) => {
		const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept } });
		return {
			status: response.status,
			retryAfter: response.headers.get('retry-after') ?? undefined,
			body: Buffer.from(await response.arrayBuffer()),
		};
	};
}

/** Graph's own error code and text ({"error":{"code","message"}}), else the start of the body. */
function graphError(body: Buffer): { code?: string; detail: string } {
	const text = body.toString('utf8');
	try {
		const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
		if (parsed.error?.message) return { code: parsed.error.code, detail: parsed.error.message };
	} catch {
		// not JSON: fall through to the raw text
	}
	return { detail: text.slice(0, 200) || 'no details' };
}

/**
 * One Graph call. Throttling (429, 503 with Retry-After) is waited out a few times, as Graph asks;
 * anything else that is not 2xx becomes an EngineError naming the status.
 */
export async function graph(get: GraphGet, url: string, accept: string): Promise<Buffer> {
	for (let attempt = 0; ; attempt++) {
		let reply: GraphReply;
		try {
			reply = await get(url, accept);
		} catch (error) {
			throw new EngineError(
				'STORE_UNREACHABLE',
				`Cannot reach Microsoft Graph at ${new URL(url).origin}: ${(error as Error).message}`,
				undefined,
				{ cause: error },
			);
		}
		if (reply.status >= 200 && reply.status < 300) return reply.body;
		if ((reply.status === 429 || reply.status === 503) && attempt < MAX_RETRIES) {
			const wait = Math.min(Number(reply.retryAfter) || 2 ** attempt, 30);
			await new Promise((resolve) => setTimeout(resolve, wait * 1000));
			continue;
		}
		const { code, detail } = graphError(reply.body);
		if (reply.status === 401 || reply.status === 403) {
			throw new EngineError(
				'STORE_AUTH',
				`Microsoft Graph refused the credential (HTTP ${reply.status}): ${detail}`,
				'Reconnect the Microsoft Outlook OAuth2 credential; it needs the Mail.Read scope.',
			);
		}
		throw Object.assign(
			new EngineError(
				'STORE_UNREACHABLE',
				`Microsoft Graph error (HTTP ${reply.status}): ${detail}`,
			),
			{ status: reply.status, graphCode: code, detail },
		);
	}
}

/**
 * Reads an Outlook / Microsoft 365 folder through Microsoft Graph: the folder's messages newest
 * first (following @odata.nextLink), then each message's MIME content ($value). The conversation id
 * is kept as the thread. A message whose content cannot be fetched is an error item.
 */
export async function* outlookMessages(source: OutlookSource): AsyncGenerator<IngestItem> {
	const base = (source.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
	const folder = encodeURIComponent(source.folder);
	const mailbox = source.mailbox ? `users/${encodeURIComponent(source.mailbox)}` : 'me';
	const query = new URLSearchParams({
		$select: 'id,conversationId,receivedDateTime,sentDateTime',
		$orderby: 'receivedDateTime desc',
		$top: String(Math.min(PAGE_SIZE, source.limit ?? PAGE_SIZE)),
	});
	// Graph rejects a $filter that does not start with the $orderby property ("InefficientFilter"),
	// so a user's filter always follows a receivedDateTime bound.
	const filter = source.filter?.trim();
	if (source.since || filter) {
		const since = `receivedDateTime ge ${(source.since ?? new Date(0)).toISOString()}`;
		query.set('$filter', filter ? `${since} and (${filter})` : since);
	}
	let next: string | undefined = `${base}/v1.0/${mailbox}/mailFolders/${folder}/messages?${query}`;
	let taken = 0;
	while (next) {
		let page: {
			value?: Array<{
				id: string;
				conversationId?: string;
				sentDateTime?: string;
				receivedDateTime?: string;
			}>;
			'@odata.nextLink'?: string;
		};
		try {
			page = JSON.parse(
				(await graph(source.get, next, 'application/json')).toString('utf8'),
			) as typeof page;
		} catch (error) {
			const { status, graphCode, detail } = error as {
				status?: number;
				graphCode?: string;
				detail?: string;
			};
			if (status === 400 && filter) {
				throw new EngineError(
					'INVALID_INPUT',
					`Microsoft Graph rejected the filter "${filter}": ${detail}`,
					"Use OData syntax on message properties, e.g. from/emailAddress/address eq 'a@b.com'.",
				);
			}
			if (status === 404 && source.mailbox && graphCode === 'ErrorInvalidUser') {
				throw new EngineError(
					'INVALID_INPUT',
					`The shared mailbox "${source.mailbox}" was not found`,
					"Check the User Principal Name in the Microsoft Outlook credential's shared mailbox setting.",
				);
			}
			if (status === 404) {
				throw new EngineError(
					'INVALID_INPUT',
					`The Outlook folder "${source.folder}" was not found`,
					'Use a well-known name (sentitems, inbox, archive, drafts) or a folder id.',
				);
			}
			throw error;
		}
		for (const message of page.value ?? []) {
			if (source.limit && taken >= source.limit) return;
			taken++;
			const origin = `Outlook message ${message.id}`;
			try {
				const raw = await graph(
					source.get,
					`${base}/v1.0/${mailbox}/messages/${encodeURIComponent(message.id)}/$value`,
					'message/rfc822, text/plain',
				);
				const date = message.sentDateTime ?? message.receivedDateTime;
				yield {
					kind: 'mime',
					provider: 'outlook',
					origin,
					raw,
					threadId: message.conversationId,
					fallbackSentAt: date ? new Date(date) : undefined,
					metadata: { outlook: { id: message.id, conversationId: message.conversationId ?? null } },
				};
			} catch (error) {
				if ((error as EngineError).code === 'STORE_AUTH') throw error;
				yield { kind: 'error', origin, message: (error as Error).message };
			}
		}
		// No further page once the limit is reached: each page is a round trip.
		next = source.limit && taken >= source.limit ? undefined : page['@odata.nextLink'];
	}
}
