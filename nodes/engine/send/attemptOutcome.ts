import type { Queryable } from '../store/Db';
import type { Claimed } from './claimDrafts';

/**
 * The provider took it: attempt sent, draft sent, the next touch due after its gap from now. One
 * statement, so one commit: the send path's cost is mostly commits.
 */
export async function markSent(
	q: Queryable,
	campaignId: string,
	c: Claimed,
	providerMessageId: string,
): Promise<void> {
	await q.query(
		`with attempt as (
			update send_attempts set status = 'sent', provider_message_id = $2, sent_at = now(), updated_at = now()
			where id = $1
		), draft as (
			update drafts set status = 'sent', updated_at = now() where id = $3 returning send_offset_days
		)
		update drafts n set due_at = greatest(n.due_at,
			now() + (n.send_offset_days - (select send_offset_days from draft)) * interval '1 day')
		where n.campaign_id = $4 and n.prospect_id = $5 and n.step = $6 + 1 and n.status = 'approved'`,
		[c.attemptId, providerMessageId, c.draftId, campaignId, c.prospectId, c.step],
	);
}

/**
 * Not sent this time: the attempt is `deferred` (which frees the (prospect, step) for a later claim)
 * and the draft waits until `retryAt`.
 */
export async function markDeferred(
	q: Queryable,
	c: Claimed,
	reason: string,
	retryAt: Date | null,
): Promise<void> {
	await q.query(
		"update send_attempts set status = 'deferred', reason = $2, updated_at = now() where id = $1",
		[c.attemptId, reason],
	);
	if (retryAt) {
		await q.query(
			"update drafts set due_at = greatest(due_at, $2) where id = $1 and status = 'approved'",
			[c.draftId, retryAt],
		);
	}
}

/**
 * A final answer from the provider, a suppression, or an answer that never came (`unknown`, for a
 * human to review): this (prospect, step) is over.
 */
export async function markEnded(
	q: Queryable,
	c: Claimed,
	status: 'failed' | 'suppressed' | 'unknown',
	reason: string,
): Promise<void> {
	await q.query(
		'update send_attempts set status = $2, error = $3, reason = $3, updated_at = now() where id = $1',
		[c.attemptId, status, reason],
	);
}

/**
 * Marks the attempt as handed over, in the same statement that reads the kill switches: false (and
 * nothing marked) when a switch for the campaign, the mailbox or everything is engaged.
 */
export async function handOver(
	q: Queryable,
	c: Claimed,
	campaignId: string,
	mailbox: string,
): Promise<boolean> {
	const { rowCount } = await q.query(
		`update send_attempts set handed_at = now(), updated_at = now()
		where id = $1 and not exists (select 1 from kill_switches k where k.engaged and (k.scope = 'global'
			or (k.scope = 'campaign' and k.target = $2) or (k.scope = 'mailbox' and k.target = $3)))`,
		[c.attemptId, campaignId, mailbox.toLowerCase()],
	);
	return rowCount === 1;
}

/**
 * Attempts of workers that stopped (past their lease): those already handed over become `unknown`
 * for a human to review and are never re-sent; those never handed over are `deferred`, so their
 * draft is claimed again.
 */
export async function reapExpired(
	q: Queryable,
	campaignId: string,
): Promise<{ unknown: number; released: number }> {
	const { rows } = await q.query<{ status: string; n: number }>(
		`with reaped as (
			update send_attempts set updated_at = now(),
				status = case when handed_at is null then 'deferred' else 'unknown' end,
				reason = case when handed_at is null
					then 'the worker stopped before handing it over; released for a new claim'
					else 'the worker stopped after handing it to the provider and before recording the result; not re-sent' end
			where campaign_id = $1 and status = 'sending' and lease_until < now()
			returning status
		) select status, count(*)::int as n from reaped group by status`,
		[campaignId],
	);
	const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
	return { unknown: n('unknown'), released: n('deferred') };
}
