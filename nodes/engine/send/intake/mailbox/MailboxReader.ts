/** One message found in a sending mailbox: its raw MIME and where it was found, for errors. */
export interface MailboxMessage {
	raw: Buffer;
	origin: string;
}

/**
 * Reads what arrived in one sending mailbox since a cursor the reader itself defines (Gmail's
 * history id, Graph's delta link, IMAP's UIDVALIDITY:UID). `take` is called for each message in
 * turn; the cursor returned is where the next read starts. With no cursor, the last `firstDays`
 * days of the inbox are read.
 */
export interface MailboxReader {
	/** Names the mailbox (and the folder) for the stored cursor: `gmail:<account>` and so on. */
	key: string;
	read(
		cursor: string | null,
		take: (message: MailboxMessage) => Promise<void>,
		firstDays: number,
	): Promise<string>;
}
