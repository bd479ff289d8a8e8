import { recordEvent } from '../audit/recordEvent';
import type { Engine } from '../Engine';
import { CAMPAIGN_COLUMNS, type CampaignRow, toCampaign } from './campaignRow';
import type { Campaign, CampaignInput } from './types';
import { validateCampaignInput } from './validateCampaignInput';

export async function createCampaign(
	engine: Engine,
	input: CampaignInput,
	actor?: string,
): Promise<Campaign> {
	const valid = validateCampaignInput(input);
	return engine.db.transaction(async (tx) => {
		const { rows } = await tx.query<CampaignRow>(
			`insert into campaigns (name, brand, competitors, additional_context, sender, settings)
			 values ($1, $2, $3, $4, $5, $6)
			 returning ${CAMPAIGN_COLUMNS}`,
			[
				valid.name,
				JSON.stringify(valid.brand),
				JSON.stringify(valid.competitors),
				valid.additionalContext,
				JSON.stringify(valid.sender),
				JSON.stringify(valid.settings),
			],
		);
		const campaign = toCampaign(rows[0]);
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: 'campaign.created',
			actor,
			data: { brand: campaign.brand.name, competitors: campaign.competitors.length },
		});
		return campaign;
	});
}
