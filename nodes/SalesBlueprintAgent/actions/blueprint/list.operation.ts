import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { listBlueprints } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('blueprint', 'list', [
	{
		...campaignLocator,
	},
]);

export const execute: Action = async (ctx, engine, i) =>
	(await listBlueprints(engine, campaignIdOf(ctx, i))) as unknown as IDataObject[];
