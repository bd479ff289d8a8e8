import { EngineError } from '../errors';
import type { IngestItem } from './types';

export interface GmailSource {
	accessToken: string;
	/** With these three, Google's client renews an expired access token by itself. */
	refreshToken?: string;
	clientId?: string;
	clientSecret?: string;
	/** Gmail search, e.g. "in:sent after:2026/01/01" or "label:outbound". */
	query?: string;
	/** Newest N messages; undefined for all. */
	limit?: number;
	/** Where the Gmail REST API is: Google's by default; a proxy or a test server otherwise. */
	rootUrl?: string;
}

const PAGE_SIZE = 500;

interface GoogleError {
	code?: number | string;
	status?: number;
	message?: string;
	response?: { status?: number };
}

export function statusOf(error: unknown): number | undefined {
	const err = error as GoogleError;
	return err.response?.status ?? (typeof err.code === 'number' ? err.code : err.status);
}

export function apiError(error: unknown): EngineError {
	const status = statusOf(error);
	const message = (error as GoogleError).message ?? String(error);
	if (status === 401 || status === 403) {
		return new EngineError(
			'STORE_AUTH',
			`Gmail refused the credential (HTTP ${status}): ${message}`,
			'Reconnect the Gmail OAuth2 credential; it needs the gmail.readonly (or gmail.modify) scope.',
			{ cause: error },
		);
	}
	return new EngineError(
		'STORE_UNREACHABLE',
		`Gmail API error${status ? ` (HTTP ${status})` : ''}: ${message}`,
		undefined,
		{
			cause: error,
		},
	);
}

/**
 * Reads Gmail through Google's official client: messages.list with the search query, page by page,
 * then each message in raw (RFC 822) format. Gmail's thread id is kept; a message that cannot be
 * fetched is an error item and the rest goes on.
 */
export async function* gmailMessages(source: GmailSource): AsyncGenerator<IngestItem> {
	// Loaded on use: Google's client and its auth library are ~17 MB resident.
	const { auth, gmail } = await import('@googleapis/gmail');
	const client = new auth.OAuth2(source.clientId, source.clientSecret);
	client.setCredentials({ access_token: source.accessToken, refresh_token: source.refreshToken });
	const api = gmail({ version: 'v1', auth: client, rootUrl: source.rootUrl });
	let pageToken: string | undefined;
	let taken = 0;
	do {
		const remaining = source.limit ? source.limit - taken : PAGE_SIZE;
		let list;
		try {
			list = await api.users.messages.list({
				userId: 'me',
				q: source.query || undefined,
				maxResults: Math.min(PAGE_SIZE, remaining),
				pageToken,
			});
		} catch (error) {
			throw apiError(error);
		}
		for (const ref of list.data.messages ?? []) {
			if (source.limit && taken >= source.limit) return;
			taken++;
			const origin = `Gmail message ${ref.id}`;
			try {
				const { data } = await api.users.messages.get({ userId: 'me', id: ref.id!, format: 'raw' });
				yield {
					kind: 'mime',
					provider: 'gmail',
					origin,
					raw: Buffer.from(data.raw ?? '', 'base64url'),
					threadId: data.threadId ?? ref.threadId ?? undefined,
					fallbackSentAt: data.internalDate ? new Date(Number(data.internalDate)) : undefined,
					metadata: {
						gmail: { id: data.id, threadId: data.threadId, labelIds: data.labelIds ?? [] },
					},
				};
			} catch (error) {
				if (statusOf(error) === 401 || statusOf(error) === 403) throw apiError(error);
				yield { kind: 'error', origin, message: apiError(error).message };
			}
		}
		pageToken = list.data.nextPageToken ?? undefined;
	} while (pageToken && (!source.limit || taken < source.limit));
}
