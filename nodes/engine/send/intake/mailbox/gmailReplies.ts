import { apiError, type GmailSource, statusOf } from '../../../ingest/gmailMessages';
import type { MailboxMessage, MailboxReader } from './MailboxReader';

type Api = ReturnType<(typeof import('@googleapis/gmail'))['gmail']>;

/** The inbox's messages of the last days, page by page (a first read, or history gone). */
async function recentInbox(api: Api, days: number): Promise<string[]> {
	const ids: string[] = [];
	let pageToken: string | undefined;
	do {
		const { data } = await api.users.messages.list({
			userId: 'me',
			q: `in:inbox newer_than:${days}d`,
			maxResults: 500,
			pageToken,
		});
		ids.push(...(data.messages ?? []).map((m) => m.id as string));
		pageToken = data.nextPageToken ?? undefined;
	} while (pageToken);
	return ids;
}

/** Messages added to the inbox after `start`, and the mailbox's history id now; null if too old. */
async function inboxHistory(
	api: Api,
	start: string,
): Promise<{ ids: string[]; next: string } | null> {
	const ids = new Set<string>();
	let next = start;
	let pageToken: string | undefined;
	do {
		let data;
		try {
			({ data } = await api.users.history.list({
				userId: 'me',
				startHistoryId: start,
				historyTypes: ['messageAdded'],
				labelId: 'INBOX',
				maxResults: 500,
				pageToken,
			}));
		} catch (error) {
			// Gmail keeps history for about a week: an older id answers 404.
			if (statusOf(error) === 404) return null;
			throw error;
		}
		for (const h of data.history ?? [])
			for (const added of h.messagesAdded ?? []) if (added.message?.id) ids.add(added.message.id);
		next = data.historyId ?? next;
		pageToken = data.nextPageToken ?? undefined;
	} while (pageToken);
	return { ids: [...ids], next };
}

/** The message in raw form; null when it was deleted since it arrived. */
async function rawMessage(api: Api, id: string): Promise<MailboxMessage | null> {
	try {
		const { data } = await api.users.messages.get({ userId: 'me', id, format: 'raw' });
		return { raw: Buffer.from(data.raw ?? '', 'base64url'), origin: `Gmail message ${id}` };
	} catch (error) {
		if (statusOf(error) === 404) return null;
		throw error;
	}
}

/** A Gmail API call whose failure says what Gmail answered (and, for 401/403, what to do). */
async function gmailCall<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		throw apiError(error);
	}
}

/**
 * A Gmail mailbox's inbox through Google's client: users.history.list since the last history id
 * (messages added to INBOX), each message in raw form. The first read, and a read whose history
 * Gmail no longer keeps, takes the inbox of the last days instead, starting the history at the
 * profile's id taken before it (so nothing arriving meanwhile is missed; the intake takes a
 * message twice as once).
 */
export function gmailReplies(key: string, source: GmailSource): MailboxReader {
	return {
		key,
		async read(cursor, take, firstDays) {
			const { auth, gmail } = await import('@googleapis/gmail');
			const client = new auth.OAuth2(source.clientId, source.clientSecret);
			client.setCredentials({
				access_token: source.accessToken,
				refresh_token: source.refreshToken,
			});
			const api = gmail({ version: 'v1', auth: client, rootUrl: source.rootUrl });
			const found = await gmailCall(async () => {
				const since = cursor ? await inboxHistory(api, cursor) : null;
				if (since) return since;
				const { data } = await api.users.getProfile({ userId: 'me' });
				return { ids: await recentInbox(api, firstDays), next: String(data.historyId) };
			});
			for (const id of found.ids) {
				const message = await gmailCall(() => rawMessage(api, id));
				if (message) await take(message);
			}
			return found.next;
		},
	};
}
