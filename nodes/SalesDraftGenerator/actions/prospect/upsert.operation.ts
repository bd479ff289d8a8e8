import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { upsertProspects } from '../../../engine';
import { forOperation } from '../../../shared/forOperation';
import { prospectInputProperties } from '../readProspects';
import type { BatchAction } from '../types';

export const description: INodeProperties[] = forOperation(
	'prospect',
	'upsert',
	prospectInputProperties,
);

export const execute: BatchAction = async (_ctx, engine, campaignId, prospects) =>
	(await upsertProspects(engine, campaignId, prospects)) as unknown as IDataObject[];
