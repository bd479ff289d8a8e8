import type { INodeProperties } from 'n8n-workflow';

import { getBlueprint } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { includeReport, output } from './common';

export const description: INodeProperties[] = forOperation('blueprint', 'get', [
	{
		...campaignLocator,
	},
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'Which version to get; 0 means the active one',
	},
	{ ...includeReport },
	{
		...includeReport,
		name: 'includeInputs',
		displayName: 'Include Inputs Snapshot',
		default: false,
		description:
			'Whether to output the distributions, counts, window and thresholds the version was computed from',
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const version = ctx.getNodeParameter('version', i, 0) as number;
	const b = await getBlueprint(engine, campaignIdOf(ctx, i), version > 0 ? version : undefined);
	return await output(
		ctx,
		engine,
		i,
		b,
		ctx.getNodeParameter('includeInputs', i, false) as boolean,
	);
};
