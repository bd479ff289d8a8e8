import { recordEvent } from '../audit/recordEvent';
import type { Engine } from '../Engine';
import { EngineError } from '../errors';
import { loadCampaign } from './getCampaign';
import type { Campaign } from './types';

export interface CancelResult {
	campaign: Campaign;
	alreadyCancelled: boolean;
	/** Drafts that can no longer be approved or sent. */
	cancelledDrafts: number;
}

/**
 * Stops a campaign for good: every draft not yet sent is cancelled in the same transaction, so no
 * worker can pick one up afterwards. Cancelling twice is harmless.
 */
export async function cancelCampaign(
	engine: Engine,
	id: unknown,
	options: { reason?: string; actor?: string } = {},
): Promise<CancelResult> {
	return engine.db.transaction(async (tx) => {
		const campaign = await loadCampaign(tx, id, { forUpdate: true });
		if (campaign.status === 'cancelled') {
			return { campaign, alreadyCancelled: true, cancelledDrafts: 0 };
		}
		if (campaign.status === 'completed') {
			throw new EngineError(
				'CONFLICT',
				`Campaign ${campaign.id} is already completed; there is nothing left to cancel`,
			);
		}
		const drafts = await tx.query(
			`update drafts set status = 'cancelled', updated_at = now()
			 where campaign_id = $1 and status in ('pending_approval', 'needs_edit', 'approved')`,
			[campaign.id],
		);
		await tx.query(`update campaigns set status = 'cancelled', updated_at = now() where id = $1`, [
			campaign.id,
		]);
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: 'campaign_cancelled',
			actor: options.actor,
			data: { reason: options.reason ?? null, cancelledDrafts: drafts.rowCount },
		});
		const updated = await loadCampaign(tx, campaign.id);
		return { campaign: updated, alreadyCancelled: false, cancelledDrafts: drafts.rowCount };
	});
}
