import type { INodeProperties } from 'n8n-workflow';

import { resumeCampaign } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('campaign', 'resume', [campaignLocator]);

export const execute: Action = async (ctx, engine, i) =>
	await resumeCampaign(engine, campaignIdOf(ctx, i), actorOf(ctx));
