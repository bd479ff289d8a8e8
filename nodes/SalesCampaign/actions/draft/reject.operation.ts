import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { rejectDrafts } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { draftIds, idsOf, reviewer, reviewerProperty } from './common';

export const description: INodeProperties[] = forOperation('draft', 'reject', [
	campaignLocator,
	{ ...draftIds },
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 2 },
		description: 'Stored with the draft for the writer and the next reviewer',
	},
	reviewerProperty,
]);

export const execute: Action = async (ctx, engine, i) =>
	(await rejectDrafts(
		engine,
		campaignIdOf(ctx, i),
		{ draftIds: idsOf(ctx, i) },
		ctx.getNodeParameter('reason', i) as string,
		reviewer(ctx, i),
	)) as unknown as IDataObject;
