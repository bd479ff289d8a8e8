/**
 * A message is the same message whatever file, format or mailbox brought it: its identity is its
 * key (the Message-ID, or the content hash when it has none) within the campaign and side (brand,
 * or one competitor), no longer per provider, so an .eml upload and then the mbox holding it store
 * it once. `content_hash` tells a true duplicate from another message reusing a Message-ID
 * (ingest/insertEmails.ts). Rows that the old key kept apart (the same id from two providers) keep
 * the first as it is and get the provider appended, so the new unique key can be built.
 */
export const sql = /* sql */ `
alter table emails add column content_hash text;
update emails e set provider_message_id = e.provider_message_id || '#' || e.provider
 where exists (
	select 1 from emails o
	where o.campaign_id = e.campaign_id and o.source = e.source
		and o.competitor is not distinct from e.competitor
		and o.provider_message_id = e.provider_message_id and o.id < e.id
 );
alter table emails drop constraint emails_campaign_id_provider_provider_message_id_key;
create unique index emails_identity_key
	on emails (campaign_id, source, (coalesce(competitor, '')), provider_message_id);
`;
