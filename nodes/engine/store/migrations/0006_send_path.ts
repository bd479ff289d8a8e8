/**
 * The send path (docs/sending.md). `rate_limits` holds, per limit key, the earliest time the next send
 * may start (a GCRA-style schedule: one statement reserves a slot, so any number of workers share
 * a per-second limit exactly); daily caps count in `rate_buckets` (hourly buckets, rolling 24 h).
 * A failed or suppressed attempt also ends a (campaign, prospect, step): only `deferred` frees it.
 */
export const sql = /* sql */ `
create table rate_limits (
	key text primary key,
	next_at timestamptz not null
);
alter table send_attempts
	add column recipient text,
	add column sent_at timestamptz,
	add column reason text,
	-- Set just before the provider call: a stopped worker's attempt without it was never handed over.
	add column handed_at timestamptz;
drop index send_attempts_once;
create unique index send_attempts_once
	on send_attempts (campaign_id, prospect_id, step)
	where status in ('sending', 'sent', 'unknown', 'failed', 'suppressed');
create index send_attempts_lease_idx on send_attempts (lease_until) where status = 'sending';
create index drafts_due_claim_idx on drafts (campaign_id, due_at) where status = 'approved';
create index suppressions_value_idx on suppressions (value);
`;
