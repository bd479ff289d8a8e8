import type { Campaign, CampaignStatus, CompanyRef, SenderIdentity } from './types';

export interface CampaignRow {
	id: string;
	name: string;
	brand: CompanyRef;
	competitors: CompanyRef[];
	additional_context: string;
	sender: SenderIdentity;
	status: CampaignStatus;
	settings: Record<string, unknown>;
	created_at: Date;
	updated_at: Date;
}

export const CAMPAIGN_COLUMNS =
	'id, name, brand, competitors, additional_context, sender, status, settings, created_at, updated_at';

export function toCampaign(row: CampaignRow): Campaign {
	return {
		id: row.id,
		name: row.name,
		brand: row.brand,
		competitors: row.competitors,
		additionalContext: row.additional_context,
		sender: row.sender,
		status: row.status,
		settings: row.settings,
		createdAt: new Date(row.created_at).toISOString(),
		updatedAt: new Date(row.updated_at).toISOString(),
	};
}
