import { graph, type GraphGet } from '../../../ingest/outlookMessages';
import type { MailboxReader } from './MailboxReader';

interface DeltaPage {
	value?: Array<{ id: string; '@removed'?: unknown }>;
	'@odata.nextLink'?: string;
	'@odata.deltaLink'?: string;
}

/** Every page of a delta query from `url`: the ids it lists and the deltaLink for next time. */
async function deltaFrom(get: GraphGet, url: string): Promise<{ ids: string[]; next: string }> {
	const ids: string[] = [];
	let next = url;
	for (let page: string | undefined = url; page;) {
		const answer = JSON.parse(
			(await graph(get, page, 'application/json')).toString('utf8'),
		) as DeltaPage;
		for (const m of answer.value ?? []) if (!m['@removed']) ids.push(m.id);
		next = answer['@odata.deltaLink'] ?? next;
		page = answer['@odata.nextLink'];
	}
	return { ids, next };
}

/**
 * A Microsoft 365 mailbox's inbox through Graph's delta query: the pages since the last deltaLink
 * (removed messages skipped), each message's MIME ($value); the new deltaLink is the cursor. The
 * first read, and a read whose delta link Graph has dropped, starts a delta over the last days'
 * messages. Throttling is waited out as in the ingest.
 */
export function graphReplies(
	key: string,
	source: { get: GraphGet; baseUrl?: string; mailbox?: string },
): MailboxReader {
	const base = (source.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
	const owner = source.mailbox ? `users/${encodeURIComponent(source.mailbox)}` : 'me';
	return {
		key,
		async read(cursor, take, firstDays) {
			const since = new Date(Date.now() - firstDays * 86_400_000).toISOString();
			const first = `${base}/v1.0/${owner}/mailFolders/inbox/messages/delta?${new URLSearchParams({
				$select: 'id,receivedDateTime',
				$filter: `receivedDateTime ge ${since}`,
			})}`;
			const { ids, next } = await deltaFrom(source.get, cursor ?? first).catch(
				(error: { status?: number }) => {
					// A delta link Graph no longer knows (410 Gone): start over from the recent days.
					if (cursor && error.status === 410) return deltaFrom(source.get, first);
					throw error;
				},
			);
			for (const id of [...new Set(ids)]) {
				const raw = await graph(
					source.get,
					`${base}/v1.0/${owner}/messages/${encodeURIComponent(id)}/$value`,
					'message/rfc822, text/plain',
				).catch((error: { status?: number }) => {
					// Deleted since the delta listed it: nothing to take.
					if (error.status === 404) return null;
					throw error;
				});
				if (raw) await take({ raw, origin: `Outlook message ${id}` });
			}
			return next;
		},
	};
}
