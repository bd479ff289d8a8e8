import { connectImap, type ImapSource } from '../../ingest/imapMessages';
import type { Found, SeedMailbox } from './SeedMailbox';

/** Folders not searched: what the mailbox itself wrote or threw away. */
const SKIPPED = new Set(['\\Sent', '\\Drafts', '\\Trash', '\\All']);

/**
 * An IMAP seed (imapflow): the message searched by its Message-ID header in INBOX, then in the
 * junk folder (RFC 6154 \Junk, or a folder named Junk, Spam or Bulk), then in every other folder a
 * rule may have filed it in.
 */
export function imapSeed(address: string, source: Omit<ImapSource, 'folder'>): SeedMailbox {
	return {
		kind: 'imap',
		address,
		async locate(messageId) {
			const client = await connectImap(source);
			try {
				const folders = (await client.list()).filter(
					(f) => !f.flags.has('\\Noselect') && !SKIPPED.has(f.specialUse ?? ''),
				);
				const junk = (f: (typeof folders)[number]) =>
					f.specialUse === '\\Junk' || /^(junk|spam|bulk)/i.test(f.name);
				const ordered = [
					...folders.filter((f) => f.path.toUpperCase() === 'INBOX'),
					...folders.filter(junk),
					...folders.filter((f) => f.path.toUpperCase() !== 'INBOX' && !junk(f)),
				];
				for (const folder of ordered) {
					const lock = await client.getMailboxLock(folder.path, { readOnly: true });
					try {
						const found = await client.search(
							{ header: { 'message-id': messageId } },
							{ uid: true },
						);
						if (found && found.length)
							return {
								placement:
									folder.path.toUpperCase() === 'INBOX' ? 'inbox' : junk(folder) ? 'spam' : 'other',
								folder: folder.path,
							} satisfies Found;
					} finally {
						lock.release();
					}
				}
				return null;
			} finally {
				await client.logout().catch(() => client.close());
			}
		},
	};
}
