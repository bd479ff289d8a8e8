/**
 * The SQL rules of "may this go out", written once for every reader: the claim, the hand-over,
 * the next due time of a run and of the campaign status. Fragments over a table alias.
 */

/** A draft that may leave as approved: approved, and its text still the text a person approved. */
export const approvedUnchanged = (d = 'd') =>
	`${d}.status = 'approved' and ${d}.content_hash = ${d}.approved_hash`;

/**
 * Attempt statuses that hold their (campaign, prospect, step): while one exists no other attempt
 * is claimed for it (the partial unique index of send_attempts uses the same list). `deferred`
 * frees it.
 */
export const HOLDING_STATUSES = "('sending', 'sent', 'unknown', 'failed', 'suppressed')";

/** When the campaign `$1`'s next sendable draft is due: approved, unchanged, its prospect active. */
export const NEXT_DUE_SQL = `select min(d.due_at) as next from drafts d
	join prospects p on p.id = d.prospect_id and p.status = 'active'
	where d.campaign_id = $1 and ${approvedUnchanged('d')}`;

/**
 * An engaged kill switch `k` that stops a send of the campaign `campaign` from the mailbox
 * `mailbox` (SQL expressions; `mailbox` may be `any(…)`): everything, the campaign, or the mailbox.
 */
export const switchStops = (k: string, campaign: string, mailbox: string) =>
	`${k}.engaged and (${k}.scope = 'global' or (${k}.scope = 'campaign' and ${k}.target = ${campaign})
		or (${k}.scope = 'mailbox' and ${k}.target = ${mailbox}))`;

/** The order switches are named in: everything first, then the campaign, then a mailbox. */
export const switchRank = (k: string) =>
	`case ${k}.scope when 'global' then 0 when 'campaign' then 1 else 2 end`;
