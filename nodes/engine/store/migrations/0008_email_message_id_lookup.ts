/**
 * The campaign index gains the message id: ingest looks up the messages a batch replies to by
 * campaign and Message-ID, and the unique key has the provider between the two, so on PostgreSQL
 * before 18 (no skip scan) that lookup read every email of the campaign for each batch (a
 * 100k-message campaign: 33 ms a batch, growing with every batch stored); with this index it is
 * one probe per id (the query's shape in ingest/assignThreads.ts). The new index still serves
 * every "campaign = $1" query, so the old one goes.
 */
export const sql = /* sql */ `
create index emails_campaign_message_idx on emails (campaign_id, provider_message_id);
drop index emails_campaign_idx;
`;
