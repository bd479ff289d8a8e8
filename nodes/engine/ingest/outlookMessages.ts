import { EngineError } from '../errors';
import type { IngestItem } from './types';

export interface OutlookSource {
	accessToken: string;
	/** A well-known folder name (sentitems, inbox, archive) or a folder id. */
	folder: string;
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

/**
 * One Graph call with the bearer token. Throttling (429, 503 with Retry-After) is waited out a few
 * times, as Graph asks; anything else that is not 2xx becomes an EngineError naming the status.
 */
async function graph(url: string, token: string, accept: string): Promise<Response> {
	for (let attempt = 0; ; attempt++) {
		let response: Response;
		try {
			response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept } });
		} catch (error) {
			throw new EngineError(
				'STORE_UNREACHABLE',
				`Cannot reach Microsoft Graph at ${new URL(url).origin}: ${(error as Error).message}`,
				undefined,
				{
					cause: error,
				},
			);
		}
		if (response.ok) return response;
		if ((response.status === 429 || response.status === 503) && attempt < MAX_RETRIES) {
			const wait = Math.min(Number(response.headers.get('retry-after')) || 2 ** attempt, 30);
			await new Promise((resolve) => setTimeout(resolve, wait * 1000));
			continue;
		}
		const body = (await response.json().catch(() => ({}))) as {
			error?: { code?: string; message?: string };
		};
		const detail = body.error?.message ?? response.statusText;
		if (response.status === 401 || response.status === 403) {
			throw new EngineError(
				'STORE_AUTH',
				`Microsoft Graph refused the credential (HTTP ${response.status}): ${detail}`,
				'Reconnect the Microsoft Outlook OAuth2 credential; it needs the Mail.Read scope.',
			);
		}
		throw Object.assign(
			new EngineError(
				'STORE_UNREACHABLE',
				`Microsoft Graph error (HTTP ${response.status}): ${detail}`,
			),
			{ status: response.status, detail },
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
	let next: string | undefined = `${base}/v1.0/me/mailFolders/${folder}/messages?${query}`;
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
			page = (await (
				await graph(next, source.accessToken, 'application/json')
			).json()) as typeof page;
		} catch (error) {
			const { status, detail } = error as { status?: number; detail?: string };
			if (status === 400 && filter) {
				throw new EngineError(
					'INVALID_INPUT',
					`Microsoft Graph rejected the filter "${filter}": ${detail}`,
					"Use OData syntax on message properties, e.g. from/emailAddress/address eq 'a@b.com'.",
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
				const mime = await graph(
					`${base}/v1.0/me/messages/${encodeURIComponent(message.id)}/$value`,
					source.accessToken,
					'message/rfc822, text/plain',
				);
				const date = message.sentDateTime ?? message.receivedDateTime;
				yield {
					kind: 'mime',
					provider: 'outlook',
					origin,
					raw: Buffer.from(await mime.arrayBuffer()),
					threadId: message.conversationId,
					fallbackSentAt: date ? new Date(date) : undefined,
					metadata: { outlook: { id: message.id, conversationId: message.conversationId ?? null } },
				};
			} catch (error) {
				if ((error as EngineError).code === 'STORE_AUTH') throw error;
				yield { kind: 'error', origin, message: (error as Error).message };
			}
		}
		next = page['@odata.nextLink'];
	}
}
