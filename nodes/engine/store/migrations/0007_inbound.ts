/**
 * Reply and bounce intake: what came back for a sent message, and every incoming message taken in
 * once (keyed by its Message-ID), so running the intake twice over the same mailbox changes nothing.
 */
export const sql = /* sql */ `
alter table send_attempts
	add column replied_at timestamptz,
	add column bounced_at timestamptz,
	-- The enhanced status code of a bounce reported later (DSN): 5.x.x hard, 4.x.x soft.
	add column bounce_status text;
create index send_attempts_recipient_idx on send_attempts (lower(recipient));
create table inbound_messages (
	id bigint generated always as identity primary key,
	message_key text not null unique,
	kind text not null
		check (kind in ('reply', 'auto_reply', 'hard_bounce', 'soft_bounce', 'complaint', 'other')),
	campaign_id uuid references campaigns (id) on delete cascade,
	prospect_id uuid references prospects (id) on delete cascade,
	attempt_id bigint references send_attempts (id) on delete set null,
	result jsonb not null default '{}'::jsonb,
	received_at timestamptz not null default now()
);
create index inbound_messages_campaign_idx on inbound_messages (campaign_id, kind);
`;
