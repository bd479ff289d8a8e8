import type { INodeProperties } from 'n8n-workflow';

import { rollbackBlueprint } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { view } from './common';

export const description: INodeProperties[] = forOperation('blueprint', 'rollback', [
	{
		...campaignLocator,
	},
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		required: true,
		description: 'The version to make active: an earlier one, or one proposed from results',
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const result = await rollbackBlueprint(
		engine,
		campaignIdOf(ctx, i),
		ctx.getNodeParameter('version', i) as number,
		actorOf(ctx),
	);
	return {
		changed: result.changed,
		previousVersion: result.previousVersion,
		...view(result.blueprint, false),
	};
};
