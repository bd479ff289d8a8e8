import type { INodeProperties, IDataObject } from 'n8n-workflow';

import { listCampaigns } from '../../../engine';
import { forOperation } from '../../../shared/forOperation';
import { returnAllOrLimit } from '../../../shared/listProperties';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('campaign', 'getAll', [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		description: 'Narrow the list of campaigns',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Text found in the campaign name or the brand name',
			},
			{
				displayName: 'Status',
				name: 'status',
				description: 'Only campaigns in this state',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'Paused', value: 'paused' },
				],
				default: 'active',
			},
		],
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const campaigns = await listCampaigns(engine, {
		status: filters.status as never,
		search: filters.search as string | undefined,
		limit: returnAll ? undefined : (ctx.getNodeParameter('limit', i, 50) as number),
	});
	return campaigns as unknown as IDataObject[];
};
