/**
 * Failures that do not suppress an address at once: temporary ones (a full mailbox, an expired
 * delivery), counted per address until they repeat over days; and the receiving side's refusals of
 * the sender (blocked, spam, authentication), counted per sending mailbox until it is paused.
 * Read receipts (RFC 8098) become an inbound kind of their own.
 */
export const sql = /* sql */ `
alter table inbound_messages drop constraint if exists inbound_messages_kind_check;
alter table inbound_messages add constraint inbound_messages_kind_check
	check (kind in ('reply', 'auto_reply', 'receipt', 'hard_bounce', 'soft_bounce', 'complaint', 'other'));
create table delivery_failures (
	id bigint generated always as identity primary key,
	address text not null,
	mailbox text,
	campaign_id uuid references campaigns (id) on delete cascade,
	consequence text not null check (consequence in ('defer', 'sender')),
	reason text not null,
	status text,
	diagnostic text,
	source text not null check (source in ('report', 'smtp')),
	created_at timestamptz not null default now()
);
create index delivery_failures_address_idx on delivery_failures (address, created_at);
create index delivery_failures_mailbox_idx on delivery_failures (mailbox, created_at)
	where consequence = 'sender';
`;
