/**
 * A campaign can carry an idempotency key (a form's or an API caller's): while the campaign is
 * active or paused, a second creation with the same key returns it instead of a duplicate. A
 * cancelled or completed campaign frees its key, so the same form can start the brand again.
 */
export const sql = /* sql */ `
alter table campaigns add column idempotency_key text;
create unique index campaigns_idempotency_key on campaigns (idempotency_key)
	where idempotency_key is not null and status in ('active', 'paused');
`;
