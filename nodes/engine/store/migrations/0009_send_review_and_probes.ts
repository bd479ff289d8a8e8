/**
 * An `unknown` attempt (the answer was lost, the message may have left) waits for a person: they
 * mark it sent or put it back in the queue, and who and when is kept on the attempt (the audit
 * trail has the event too). Once resolved, a late result from the worker that handed it over no
 * longer changes it (send/attemptOutcome.ts).
 *
 * The claim probes attempts by campaign, status, prospect and step for each due draft
 * (send/claimDrafts.ts). With statistics that still say the table is empty — every campaign's
 * first minutes — PostgreSQL served those probes from the (campaign, status) index and read the
 * campaign's whole range per draft (a claim over 1,000 drafts: 110 ms). This index answers each
 * probe by its own columns, and still serves every (campaign, status) query, so the old one goes.
 */
export const sql = /* sql */ `
alter table send_attempts
	add column resolved_by text,
	add column resolved_at timestamptz;
create index send_attempts_unknown_idx on send_attempts (campaign_id, updated_at) where status = 'unknown';
create index send_attempts_probe_idx on send_attempts (campaign_id, status, prospect_id, step);
drop index send_attempts_campaign_status_idx;
`;
