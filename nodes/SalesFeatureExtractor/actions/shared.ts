import type { IExecuteFunctions } from 'n8n-workflow';

import { type Engine, getCampaign } from '../../engine';
import { campaignIdOf } from '../../shared/campaignLocator';

/** The sources a query or a search can be narrowed to. */
export const SOURCES = [
	{ name: 'Brand', value: 'brand' },
	{ name: 'Competitor', value: 'competitor' },
];

/** The campaign's ID once it is known to exist: an unknown one is an error, not an empty result. */
export const knownCampaign = async (ctx: IExecuteFunctions, engine: Engine, i: number) =>
	(await getCampaign(engine, campaignIdOf(ctx, i))).id;
