/**
 * The campaign's results: what each answer says (positive, not now, not interested, unsubscribe
 * request, out of office, bounce, unclear), stored with the message it answers; which variant of
 * its sequence a prospect was given (null when the drafts were written without variants); and
 * Blueprint versions proposed from the results, waiting for a person to make them active.
 */
export const sql = /* sql */ `
alter table inbound_messages add column reply_class text
	check (reply_class in ('positive', 'not_now', 'not_interested', 'unsubscribe_request',
		'out_of_office', 'bounce', 'unclear'));
create index inbound_messages_attempt_idx on inbound_messages (attempt_id) where attempt_id is not null;
alter table drafts add column variant text;
-- A version learned from results waits as 'proposed' until a person makes it active.
alter table blueprints drop constraint blueprints_status_check;
alter table blueprints add constraint blueprints_status_check
	check (status in ('active', 'archived', 'proposed'));
`;
