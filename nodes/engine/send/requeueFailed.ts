import { recordEvent } from '../audit/recordEvent';
import { loadCampaign } from '../campaign/getCampaign';
import type { Db } from '../store/Db';
import { SUPPRESSION_OF } from './suppressions';

export type RequeueResult = {
	campaignId: string;
	/** Attempts put back in the queue: their drafts are due at the next run. */
	requeued: number;
	/** Failed attempts left as they are: their address is suppressed (a hard bounce, say). */
	keptSuppressed: number;
};

/**
 * Puts `failed` attempts back in the queue, audited: a failed attempt is one the provider refused
 * before accepting anything (a mailbox whose credential had expired before this engine paused on
 * it, an account-level refusal since fixed), so sending its draft again mails nobody twice.
 * Attempts whose address is suppressed stay failed. `mailbox` narrows it to one sending mailbox.
 */
export async function requeueFailedSends(
	db: Db,
	input: { campaignId: string; mailbox?: string; actor?: string; note?: string },
): Promise<RequeueResult> {
	const campaign = await loadCampaign(db, input.campaignId);
	const mailbox = input.mailbox?.trim().toLowerCase() || null;
	return await db.transaction(async (tx) => {
		const { rows } = await tx.query<{ requeued: number; kept: number }>(
			`with failed as (
				select a.id, ${SUPPRESSION_OF('lower(a.recipient)', "split_part(lower(a.recipient), '@', 2)")} as suppressed
				from send_attempts a where a.campaign_id = $1 and a.status = 'failed'
					and ($2::text is null or lower(a.mailbox) = $2)
				for update
			), requeued as (
				update send_attempts a set status = 'deferred', updated_at = now(),
					reason = 'requeued by ' || $3 || ' after failing: ' || coalesce(a.error, '')
				from failed f where a.id = f.id and f.suppressed is null
				returning a.id
			)
			select (select count(*) from requeued)::int as requeued,
				(select count(*) from failed where suppressed is not null)::int as kept`,
			[campaign.id, mailbox, input.actor ?? 'unknown'],
		);
		const result = {
			campaignId: campaign.id,
			requeued: Number(rows[0].requeued),
			keptSuppressed: Number(rows[0].kept),
		};
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: 'failed_sends_requeued',
			actor: input.actor,
			data: {
				mailbox,
				requeued: result.requeued,
				keptSuppressed: result.keptSuppressed,
				note: input.note ?? null,
			},
		});
		return result;
	});
}
