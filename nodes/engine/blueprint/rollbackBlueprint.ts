import { recordEvent } from '../audit/recordEvent';
import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import type { BlueprintRecord } from './blueprintRecord';
import { loadBlueprint } from './getBlueprint';

/**
 * Makes another version the active Blueprint: a proposed one (a person approves it) or an earlier
 * one again (the current one is archived, nothing is deleted). Activating the version already
 * active changes nothing and says so.
 */
export async function rollbackBlueprint(
	engine: Engine,
	campaignId: unknown,
	version: number,
	actor?: string,
): Promise<{ blueprint: BlueprintRecord; previousVersion: number | null; changed: boolean }> {
	return await engine.db.transaction(async (tx) => {
		const campaign = await loadCampaign(tx, campaignId, { forUpdate: true });
		const target = await loadBlueprint(tx, campaign.id, version);
		const { rows } = await tx.query<{ version: number }>(
			"select version from blueprints where campaign_id = $1 and status = 'active'",
			[campaign.id],
		);
		const previousVersion = rows[0] ? Number(rows[0].version) : null;
		if (previousVersion === target.version)
			return { blueprint: target, previousVersion, changed: false };
		await tx.query(
			"update blueprints set status = 'archived' where campaign_id = $1 and status = 'active'",
			[campaign.id],
		);
		await tx.query("update blueprints set status = 'active' where id = $1", [target.id]);
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: target.status === 'proposed' ? 'blueprint_proposal_approved' : 'blueprint_rolled_back',
			actor,
			data: { from: previousVersion, to: target.version },
		});
		return { blueprint: { ...target, status: 'active' }, previousVersion, changed: true };
	});
}
