/**
 * The core tables (docs/architecture.md). Everything but embeddings: those need pgvector (0002).
 * Statuses are CHECK-constrained so that no code path can invent a state the send path does not know.
 */
export const sql = /* sql */ `
create table campaigns (
	id uuid primary key default gen_random_uuid(),
	name text not null,
	brand jsonb not null,
	competitors jsonb not null default '[]'::jsonb,
	additional_context text not null default '',
	sender jsonb not null,
	status text not null default 'active'
		check (status in ('active', 'paused', 'completed', 'cancelled')),
	settings jsonb not null default '{}'::jsonb,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index campaigns_status_idx on campaigns (status, created_at desc);

create table emails (
	id bigint generated always as identity primary key,
	campaign_id uuid not null references campaigns (id) on delete cascade,
	source text not null check (source in ('brand', 'competitor')),
	competitor text,
	provider text not null,
	provider_message_id text not null,
	thread_id text,
	thread_position int,
	gap_from_previous_s bigint,
	from_address text,
	from_name text,
	to_addresses text[] not null default '{}',
	cc_addresses text[] not null default '{}',
	subject text not null default '',
	body_text text not null default '',
	quoted_text text not null default '',
	signature_text text not null default '',
	body_html_key text,
	sent_at timestamptz,
	metadata jsonb not null default '{}'::jsonb,
	raw_key text,
	created_at timestamptz not null default now(),
	constraint emails_competitor_named check (source = 'brand' or competitor is not null),
	unique (campaign_id, provider, provider_message_id)
);
create index emails_campaign_idx on emails (campaign_id);
create index emails_source_campaign_idx on emails (source, campaign_id);
create index emails_sent_at_idx on emails (sent_at);
create index emails_thread_idx on emails (campaign_id, thread_id, sent_at);
create index emails_metadata_gin on emails using gin (metadata);

create table email_features (
	email_id bigint primary key references emails (id) on delete cascade,
	campaign_id uuid not null references campaigns (id) on delete cascade,
	source text not null,
	competitor text,
	extractor_version int not null,
	subject_chars int,
	subject_words int,
	subject_has_question boolean,
	subject_has_number boolean,
	subject_personalized boolean,
	subject_prefix text,
	unresolved_merge_tags int not null default 0,
	opening_type text,
	you_we_ratio real,
	cta_type text,
	cta_count int,
	cta_sentence_index int,
	cta_relative_position real,
	word_count int,
	sentence_count int,
	paragraph_count int,
	link_count int,
	reading_grade real,
	structure_type text,
	follow_up_index int,
	gap_days real,
	cadence_bucket text,
	repeats_previous boolean,
	signals jsonb not null default '{}'::jsonb,
	created_at timestamptz not null default now()
);
create index email_features_cta_type_idx on email_features (cta_type);
create index email_features_follow_up_idx on email_features (follow_up_index);
create index email_features_cadence_idx on email_features (cadence_bucket);
create index email_features_query_idx
	on email_features (campaign_id, source, follow_up_index, cadence_bucket, cta_type);

create table blueprints (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references campaigns (id) on delete cascade,
	version int not null,
	status text not null check (status in ('active', 'archived')),
	synthesis text not null check (synthesis in ('model', 'deterministic')),
	body jsonb not null,
	inputs jsonb not null,
	created_at timestamptz not null default now(),
	unique (campaign_id, version)
);
create unique index blueprints_one_active on blueprints (campaign_id) where status = 'active';

create table prospects (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references campaigns (id) on delete cascade,
	email text not null,
	email_normalized text not null,
	first_name text,
	last_name text,
	company text,
	title text,
	website text,
	timezone text,
	signals jsonb not null default '{}'::jsonb,
	flags jsonb not null default '{}'::jsonb,
	status text not null default 'active'
		check (status in ('active', 'replied', 'unsubscribed', 'bounced', 'complained')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (campaign_id, email_normalized)
);

create table drafts (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references campaigns (id) on delete cascade,
	prospect_id uuid not null references prospects (id) on delete cascade,
	step int not null check (step >= 1),
	send_offset_days real not null default 0,
	subject text not null,
	body_text text not null,
	body_html text,
	cta_type text,
	writer text not null check (writer in ('model', 'deterministic', 'human')),
	blueprint_version int not null,
	content_hash text not null,
	lint jsonb not null default '{}'::jsonb,
	lint_passed boolean not null default false,
	status text not null default 'pending_approval'
		check (status in ('pending_approval', 'needs_edit', 'approved', 'rejected', 'sent', 'cancelled')),
	approved_by text,
	approved_at timestamptz,
	approved_hash text,
	rejected_reason text,
	due_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (campaign_id, prospect_id, step),
	constraint drafts_approval_recorded
		check (status <> 'approved' or (approved_at is not null and approved_hash is not null))
);
create index drafts_campaign_status_idx on drafts (campaign_id, status);
create index drafts_due_idx on drafts (status, due_at) where status = 'approved';

create table send_attempts (
	id bigint generated always as identity primary key,
	campaign_id uuid not null references campaigns (id) on delete cascade,
	draft_id uuid not null references drafts (id) on delete cascade,
	prospect_id uuid not null references prospects (id) on delete cascade,
	step int not null,
	mailbox text not null,
	provider text not null,
	message_id text not null,
	status text not null
		check (status in ('sending', 'sent', 'deferred', 'failed', 'unknown', 'suppressed')),
	provider_message_id text,
	error text,
	worker_id text,
	lease_until timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
-- The at-most-once invariant, held by the database itself: one live or finished hand-off per
-- (campaign, prospect, step), whatever any worker does.
create unique index send_attempts_once
	on send_attempts (campaign_id, prospect_id, step)
	where status in ('sending', 'sent', 'unknown');
create index send_attempts_campaign_status_idx on send_attempts (campaign_id, status);
create index send_attempts_message_id_idx on send_attempts (message_id);

create table suppressions (
	id bigint generated always as identity primary key,
	scope text not null default 'global',
	kind text not null
		check (kind in ('unsubscribed', 'hard_bounce', 'complaint', 'domain', 'manual')),
	value text not null,
	reason text,
	source text,
	created_at timestamptz not null default now(),
	unique (scope, value)
);

create table kill_switches (
	scope text not null check (scope in ('global', 'campaign', 'mailbox')),
	target text not null default '',
	engaged boolean not null,
	reason text,
	changed_by text,
	changed_at timestamptz not null default now(),
	primary key (scope, target)
);

create table rate_buckets (
	key text not null,
	bucket_start timestamptz not null,
	count int not null default 0,
	primary key (key, bucket_start)
);

create table campaign_events (
	id bigint generated always as identity primary key,
	campaign_id uuid references campaigns (id) on delete cascade,
	type text not null,
	actor text,
	data jsonb not null default '{}'::jsonb,
	created_at timestamptz not null default now()
);
create index campaign_events_campaign_idx on campaign_events (campaign_id, created_at);
`;
