import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { diffBlueprints } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('blueprint', 'compare', [
	{
		...campaignLocator,
	},
	{
		displayName: 'From Version',
		name: 'fromVersion',
		description:
			'The older Blueprint version of the campaign; the comparison shows what changed from it',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		required: true,
	},
	{
		displayName: 'To Version',
		name: 'toVersion',
		description: 'The newer Blueprint version to compare with From Version',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 2,
		required: true,
	},
]);

export const execute: Action = async (ctx, engine, i) =>
	(await diffBlueprints(
		engine,
		campaignIdOf(ctx, i),
		ctx.getNodeParameter('fromVersion', i) as number,
		ctx.getNodeParameter('toVersion', i) as number,
	)) as unknown as IDataObject;
