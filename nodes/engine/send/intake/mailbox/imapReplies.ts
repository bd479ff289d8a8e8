import { invalidInput } from '../../../errors';
import { connectImap, type ImapSource } from '../../../ingest/imapMessages';
import type { MailboxReader } from './MailboxReader';

/** UIDs fetched per FETCH command. */
const CHUNK = 200;

/**
 * A mailbox folder through IMAP (imapflow): the UIDs after the last one seen, while the folder's
 * UIDVALIDITY is the same (the cursor is `UIDVALIDITY:UID`); the first read, or a folder whose
 * UIDs were renumbered, takes the last days' messages instead.
 */
export function imapReplies(
	key: string,
	source: Omit<ImapSource, 'since' | 'limit'>,
): MailboxReader {
	return {
		key,
		async read(cursor, take, firstDays) {
			const client = await connectImap(source);
			try {
				const lock = await client
					.getMailboxLock(source.folder, { readOnly: true })
					.catch((error: unknown) => {
						throw Object.assign(
							invalidInput(`The IMAP folder "${source.folder}" does not exist on ${source.host}`),
							{ cause: error },
						);
					});
				try {
					const validity = String(client.mailbox ? client.mailbox.uidValidity : '');
					const [seenValidity, seenUid] = (cursor ?? '').split(':');
					const last = seenValidity === validity ? Number(seenUid) || 0 : null;
					const found =
						last === null
							? await client.search(
									{ since: new Date(Date.now() - firstDays * 86_400_000) },
									{ uid: true },
								)
							: await client.search({ uid: `${last + 1}:*` }, { uid: true });
					// `n:*` always names the newest message, even when its UID is below n.
					const uids = (found || []).filter((u) => last === null || u > last).sort((a, b) => a - b);
					let newest = last ?? 0;
					for (let i = 0; i < uids.length; i += CHUNK) {
						const messages = [];
						for await (const m of client.fetch(
							uids.slice(i, i + CHUNK).join(','),
							{ uid: true, source: true },
							{ uid: true },
						))
							messages.push(m);
						// Taken after the FETCH completes: no other IMAP command may run while one streams.
						for (const m of messages) {
							if (m.source) await take({ raw: m.source, origin: `${source.folder} UID ${m.uid}` });
							newest = Math.max(newest, m.uid);
						}
					}
					// A first read has seen everything up to the UID the folder had next when it was opened.
					if (last === null && client.mailbox)
						newest = Math.max(newest, Number(client.mailbox.uidNext) - 1);
					return `${validity}:${newest}`;
				} finally {
					lock.release();
				}
			} finally {
				await client.logout().catch(() => client.close());
			}
		},
	};
}
