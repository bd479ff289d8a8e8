import type { Engine } from '../Engine';
import { notFound } from '../errors';
import type { Queryable } from '../store/Db';
import { assertCampaignId } from './campaignId';
import { CAMPAIGN_COLUMNS, type CampaignRow, toCampaign } from './campaignRow';
import type { Campaign } from './types';

/** Loads one campaign or throws a NOT_FOUND naming the id; `forUpdate` locks it in a transaction. */
export async function loadCampaign(
	q: Queryable,
	id: unknown,
	options: { forUpdate?: boolean } = {},
): Promise<Campaign> {
	const campaignId = assertCampaignId(id);
	const { rows } = await q.query<CampaignRow>(
		`select ${CAMPAIGN_COLUMNS} from campaigns where id = $1${options.forUpdate ? ' for update' : ''}`,
		[campaignId],
	);
	if (!rows[0]) {
		throw notFound(
			`No campaign with ID ${campaignId}`,
			'List the campaigns to see which ones exist.',
		);
	}
	return toCampaign(rows[0]);
}

export function getCampaign(engine: Engine, id: unknown): Promise<Campaign> {
	return loadCampaign(engine.db, id);
}
