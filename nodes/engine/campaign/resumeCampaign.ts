import { recordEvent } from '../audit/recordEvent';
import type { Engine } from '../Engine';
import { EngineError } from '../errors';
import { loadCampaign } from './getCampaign';

/** A human resumes a paused campaign (auto-pause never lifts itself). Idempotent on an active one. */
export async function resumeCampaign(
	engine: Engine,
	campaignId: unknown,
	actor?: string,
): Promise<{ id: string; status: string; changed: boolean }> {
	return await engine.db.transaction(async (tx) => {
		const campaign = await loadCampaign(tx, campaignId, { forUpdate: true });
		if (campaign.status === 'active') return { id: campaign.id, status: 'active', changed: false };
		if (campaign.status !== 'paused') {
			throw new EngineError(
				'CONFLICT',
				`Campaign ${campaign.id} is ${campaign.status} and cannot be resumed`,
			);
		}
		await tx.query("update campaigns set status = 'active', updated_at = now() where id = $1", [
			campaign.id,
		]);
		await recordEvent(tx, { campaignId: campaign.id, type: 'campaign_resumed', actor });
		return { id: campaign.id, status: 'active', changed: true };
	});
}
