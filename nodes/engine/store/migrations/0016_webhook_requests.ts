/**
 * The signed webhook requests already carried out, by token id (`jti`), until their token expires:
 * a token copied from n8n's execution records cannot be played again.
 */
export const sql = /* sql */ `
create table webhook_requests (
	jti text primary key,
	expires_at timestamptz not null,
	accepted_at timestamptz not null default now()
);
create index webhook_requests_expiry on webhook_requests (expires_at);
`;
