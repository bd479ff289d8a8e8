/**
 * A Blueprint's content hash (sha256 of its canonical JSON: two runs on the same data compare equal
 * without reading the bodies) and the object-store keys of its report, for the approval page.
 */
export const sql = /* sql */ `
alter table blueprints
	add column content_hash text,
	add column report jsonb not null default '{}'::jsonb;
`;
