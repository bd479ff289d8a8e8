import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getCampaign, listUnknownSends } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('campaign', 'listUnknown', [
	campaignLocator,
]);

/** One item per unknown send, so a person can check each (or a Sheets/Slack node can list them). */
export const execute: Action = async (ctx, engine, i) => {
	const campaign = await getCampaign(engine, campaignIdOf(ctx, i));
	const unknown = await listUnknownSends(engine.db, campaign.id);
	return unknown.map((u) => ({ campaignId: campaign.id, ...u }) as unknown as IDataObject);
};
