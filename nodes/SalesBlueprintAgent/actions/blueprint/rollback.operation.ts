import type { INodeProperties } from 'n8n-workflow';

import { rollbackBlueprint } from '../../../engine';
import { personOf } from '../../../shared/actor';
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
	{
		displayName: 'Activated By',
		name: 'activatedBy',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.Reviewer }} or dana@northwind.example.com',
		description:
			'The person who decided, for the audit trail (n8n does not tell a node who runs it); blank records the workflow and execution',
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const result = await rollbackBlueprint(
		engine,
		campaignIdOf(ctx, i),
		ctx.getNodeParameter('version', i) as number,
		personOf(ctx, String(ctx.getNodeParameter('activatedBy', i, '') ?? '')),
	);
	return {
		changed: result.changed,
		previousVersion: result.previousVersion,
		...view(result.blueprint, false),
	};
};
