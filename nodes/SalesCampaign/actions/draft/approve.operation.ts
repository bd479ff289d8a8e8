import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { approveDrafts } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { draftIds, idsOf, reviewer, reviewerProperty } from './common';

export const description: INodeProperties[] = forOperation('draft', 'approve', [
	campaignLocator,
	{
		displayName: 'Approve',
		name: 'approveBy',
		description:
			"Which drafts to approve: every draft that passes the Blueprint, the listed IDs, or one prospect's sequence",
		type: 'options',
		options: [
			{ name: 'All Passing Drafts', value: 'allPassing' },
			{ name: 'By Draft IDs', value: 'ids' },
			{ name: 'By Prospect', value: 'prospect' },
		],
		default: 'ids',
	},
	{
		...draftIds,
		displayOptions: { show: { approveBy: ['ids'] } },
	},
	{
		displayName: 'Prospect ID',
		name: 'prospectId',
		description:
			'The prospect whose drafts (every touch) are approved, as in the prospect_id of Review Drafts',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { approveBy: ['prospect'] } },
	},
	reviewerProperty,
]);

export const execute: Action = async (ctx, engine, i) => {
	const by = ctx.getNodeParameter('approveBy', i, 'ids') as 'ids' | 'prospect' | 'allPassing';
	const result = await approveDrafts(
		engine,
		campaignIdOf(ctx, i),
		by === 'ids'
			? { draftIds: idsOf(ctx, i) }
			: by === 'prospect'
				? { prospectId: (ctx.getNodeParameter('prospectId', i) as string).trim() }
				: { allPassing: true },
		reviewer(ctx, i),
	);
	return result as unknown as IDataObject;
};
