import type { INodeProperties, IDataObject } from 'n8n-workflow';

import { cancelCampaign } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { text } from './common';

export const description: INodeProperties[] = forOperation('campaign', 'cancel', [
	campaignLocator,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		description: 'Kept in the audit trail',
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const result = await cancelCampaign(engine, campaignIdOf(ctx, i), {
		reason: text(ctx, 'reason', i) || undefined,
		actor: actorOf(ctx),
	});
	return {
		...result.campaign,
		alreadyCancelled: result.alreadyCancelled,
		cancelledDrafts: result.cancelledDrafts,
	} as unknown as IDataObject;
};
