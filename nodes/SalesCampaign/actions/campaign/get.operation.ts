import type { INodeProperties, IDataObject } from 'n8n-workflow';

import { getCampaignStatus } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('campaign', 'get', [campaignLocator]);

export const execute: Action = async (ctx, engine, i) => {
	const report = await getCampaignStatus(engine, campaignIdOf(ctx, i));
	const { campaign, ...counts } = report;
	return {
		id: campaign.id,
		name: campaign.name,
		status: campaign.status,
		...counts,
		campaign,
	} as unknown as IDataObject;
};
