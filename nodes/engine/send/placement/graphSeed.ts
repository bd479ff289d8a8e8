import { graph, type GraphGet } from '../../ingest/outlookMessages';
import type { Found, SeedMailbox } from './SeedMailbox';

/** The well-known folders a placement is read from, in order; then the whole mailbox. */
const FOLDERS: Array<[string, Found['placement']]> = [
	['inbox', 'inbox'],
	['junkemail', 'spam'],
];

/**
 * A Microsoft 365 seed through Graph: the message looked up by `internetMessageId` in the inbox,
 * then in Junk Email, then anywhere in the mailbox (another folder a rule moved it to).
 */
export function graphSeed(
	address: string,
	source: { get: GraphGet; baseUrl?: string; mailbox?: string },
): SeedMailbox {
	const base = (source.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
	const owner = source.mailbox ? `users/${encodeURIComponent(source.mailbox)}` : 'me';
	const find = async (path: string, messageId: string) => {
		const query = new URLSearchParams({
			$filter: `internetMessageId eq '${messageId.replace(/'/g, "''")}'`,
			$select: 'id,parentFolderId',
			$top: '1',
		});
		const answer = JSON.parse(
			(
				await graph(source.get, `${base}/v1.0/${owner}/${path}?${query}`, 'application/json')
			).toString('utf8'),
		) as { value?: Array<{ id: string; parentFolderId?: string }> };
		return answer.value?.[0];
	};
	return {
		kind: 'microsoft365',
		address,
		async locate(messageId) {
			for (const [folder, placement] of FOLDERS)
				if (await find(`mailFolders/${folder}/messages`, messageId)) return { placement, folder };
			const elsewhere = await find('messages', messageId);
			return elsewhere
				? { placement: 'other', folder: `folder ${elsewhere.parentFolderId ?? 'unknown'}` }
				: null;
		},
	};
}
