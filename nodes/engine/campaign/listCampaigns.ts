import type { Engine } from '../Engine';
import { invalidInput } from '../errors';
import { CAMPAIGN_COLUMNS, type CampaignRow, toCampaign } from './campaignRow';
import type { Campaign, CampaignStatus } from './types';

const STATUSES: CampaignStatus[] = ['active', 'paused', 'completed', 'cancelled'];

export interface ListCampaignsOptions {
	status?: CampaignStatus;
	/** Case-insensitive text found in the campaign name or the brand name. */
	search?: string;
	/** Undefined: all of them. */
	limit?: number;
}

/** Newest first. */
export async function listCampaigns(
	engine: Engine,
	options: ListCampaignsOptions = {},
): Promise<Campaign[]> {
	if (options.status && !STATUSES.includes(options.status)) {
		throw invalidInput(
			`Unknown campaign status "${options.status}"`,
			`Use one of: ${STATUSES.join(', ')}.`,
		);
	}
	if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
		throw invalidInput(`Limit must be a whole number of at least 1, got ${options.limit}`);
	}
	const { rows } = await engine.db.query<CampaignRow>(
		`select ${CAMPAIGN_COLUMNS} from campaigns
		 where ($1::text is null or status = $1)
		   and ($3::text is null or strpos(lower(name || ' ' || (brand ->> 'name')), lower($3)) > 0)
		 order by created_at desc, id
		 limit $2`,
		[options.status ?? null, options.limit ?? null, options.search?.trim() || null],
	);
	return rows.map(toCampaign);
}
