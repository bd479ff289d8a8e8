/**
 * An approved draft's content is the content that was approved: the database refuses any change
 * to the text that leaves the draft `approved` (an edit must withdraw the approval). The sender
 * checks the same hash before every send.
 */
export const sql = /* sql */ `
alter table drafts
	add constraint drafts_approved_content_unchanged
		check (status <> 'approved' or approved_hash = content_hash);
`;
