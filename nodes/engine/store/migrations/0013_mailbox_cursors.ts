/**
 * Where reading each sending mailbox for replies got to: Gmail's history id, Graph's delta link,
 * IMAP's UIDVALIDITY:UID. The next read starts there, so each message is read once.
 */
export const sql = /* sql */ `
create table mailbox_cursors (
	mailbox text primary key,
	cursor text not null,
	updated_at timestamptz not null default now()
);
`;
