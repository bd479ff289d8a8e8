/**
 * An `unknown` attempt (the answer was lost, the message may have left) waits for a person: they
 * mark it sent or put it back in the queue, and who and when is kept on the attempt (the audit
 * trail has the event too). Once resolved, a late result from the worker that handed it over no
 * longer changes it (attemptOutcome.ts).
 */
export const sql = /* sql */ `
alter table send_attempts
	add column resolved_by text,
	add column resolved_at timestamptz;
create index send_attempts_unknown_idx on send_attempts (campaign_id, updated_at) where status = 'unknown';
`;
