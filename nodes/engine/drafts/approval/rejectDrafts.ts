import { recordEvent } from '../../audit/recordEvent';
import { loadCampaign } from '../../campaign/getCampaign';
import type { Engine } from '../../Engine';
import { invalidInput } from '../../errors';
import type { Queryable } from '../../store/Db';
import { checkedSelector, type DraftSelector } from './approveDrafts';

/**
 * Rejects drafts with a reason (required: it is what the writer or the next reviewer reads).
 * Withdraws an approval; a draft already sent cannot be rejected.
 */
export async function rejectDrafts(
	engine: Engine,
	campaignId: unknown,
	selector: Omit<DraftSelector, 'allPassing'>,
	reason: string,
	actor: string,
): Promise<{ rejected: string[]; skipped: Array<{ id: string; reason: string }> }> {
	const s = checkedSelector(selector);
	if (!reason?.trim())
		throw invalidInput(
			'Give a reason for the rejection',
			'The reason is stored with the draft for the writer and the next reviewer.',
		);
	return await engine.db.transaction(async (tx) => {
		const campaign = await loadCampaign(tx, campaignId);
		const { rows } = await tx.query<{ id: string; status: string }>(
			`select id, status from drafts where campaign_id = $1 and ${s.draftIds ? 'id = any($2::uuid[])' : 'prospect_id = $2::uuid'} for update`,
			[campaign.id, s.draftIds ?? s.prospectId ?? null],
		);
		const { rejected: ids, skipped } = await rejectLocked(tx, rows, reason.trim());
		const found = new Set(rows.map((r) => r.id));
		for (const id of s.draftIds ?? [])
			if (!found.has(id)) skipped.push({ id, reason: 'no such draft in this campaign' });
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: 'drafts_rejected',
			actor,
			data: { ids, reason: reason.trim() },
		});
		return { rejected: ids, skipped };
	});
}

/** Rejects drafts the caller's transaction has locked; a draft already sent or cancelled stays. */
export async function rejectLocked(
	tx: Queryable,
	drafts: Array<{ id: string; status: string }>,
	reason: string,
): Promise<{ rejected: string[]; skipped: Array<{ id: string; reason: string }> }> {
	const final = (status: string) => ['sent', 'cancelled'].includes(status);
	const skipped = drafts
		.filter((r) => final(r.status))
		.map((r) => ({ id: r.id, reason: `status is ${r.status}` }));
	const rejected = drafts.filter((r) => !final(r.status)).map((r) => r.id);
	await tx.query(
		`update drafts set status = 'rejected', rejected_reason = $2, approved_by = null,
			approved_at = null, approved_hash = null, due_at = null, updated_at = now()
		where id = any($1::uuid[])`,
		[rejected, reason],
	);
	return { rejected, skipped };
}
