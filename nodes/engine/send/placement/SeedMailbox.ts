/**
 * Where a test message landed in a seed mailbox: the inbox, the spam (junk) folder, one of Gmail's
 * tabs, another folder, or nowhere before the test's time ran out.
 */
export type Placement =
	'inbox' | 'spam' | 'promotions' | 'updates' | 'social' | 'forums' | 'other' | 'not_arrived';

export interface Found {
	placement: Exclude<Placement, 'not_arrived'>;
	/** The folder or labels as the mailbox names them, for the table. */
	folder: string;
}

/** One of the user's own seed mailboxes, read with the engine's readers. */
export interface SeedMailbox {
	kind: 'gmail' | 'microsoft365' | 'imap';
	/** The seed's address: what the test message is sent to. */
	address: string;
	/** Where the message with this Message-ID is now, or null while it has not arrived. */
	locate(messageId: string): Promise<Found | null>;
}
