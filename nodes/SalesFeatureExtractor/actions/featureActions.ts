import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	type Embedder,
	type Engine,
	extractFeatures,
	type FeatureFilter,
	getCampaign,
	lexicalEmbedder,
	queryFeatures,
	similarEmails,
	templateFamilies,
} from '../../engine';
import { actorOf } from '../../shared/actor';
import { campaignIdOf } from '../../shared/campaignLocator';

export type Action = (
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
	embedder: () => Promise<Embedder>,
) => Promise<IDataObject | IDataObject[]>;

/** The campaign's ID once it is known to exist: an unknown one is an error, not an empty result. */
const knownCampaign = async (ctx: IExecuteFunctions, engine: Engine, i: number) =>
	(await getCampaign(engine, campaignIdOf(ctx, i))).id;

const extract: Action = async (ctx, engine, i, embedder) => {
	const mode = ctx.getNodeParameter('embeddings', i, 'auto') as 'auto' | 'lexical' | 'none';
	const options = ctx.getNodeParameter('options', i, {}) as { batchSize?: number; all?: boolean };
	const log = await extractFeatures(engine, campaignIdOf(ctx, i), {
		batchSize: options.batchSize,
		all: options.all,
		embedder: mode === 'none' ? undefined : mode === 'lexical' ? lexicalEmbedder : await embedder(),
		actor: actorOf(ctx),
	});
	return log as unknown as IDataObject;
};

const query: Action = async (ctx, engine, i) => {
	const filters = ctx.getNodeParameter('filters', i, {}) as Omit<FeatureFilter, 'campaignId'>;
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	const wanted = returnAll ? Infinity : (ctx.getNodeParameter('limit', i, 50) as number);
	const campaignId = await knownCampaign(ctx, engine, i);
	const rows: IDataObject[] = [];
	// Pages of 1,000 so "all" of a large campaign never becomes one huge result set in memory twice.
	for (let offset = 0; rows.length < wanted; offset += 1000) {
		const page = await queryFeatures(engine.db, {
			...filters,
			competitor: filters.competitor || undefined,
			campaignId,
			limit: Math.min(1000, wanted - rows.length),
			offset,
		});
		rows.push(...(page as unknown as IDataObject[]));
		if (page.length < 1000) break;
	}
	return rows;
};

const similar: Action = async (ctx, engine, i, embedder) => {
	const like = ctx.getNodeParameter('like', i, 'email') as 'email' | 'text';
	const options = ctx.getNodeParameter('similarOptions', i, {}) as {
		limit?: number;
		source?: 'brand' | 'competitor';
	};
	const rows = await similarEmails(engine, {
		campaignId: await knownCampaign(ctx, engine, i),
		emailId: like === 'email' ? (ctx.getNodeParameter('emailId', i) as number) : undefined,
		text: like === 'text' ? (ctx.getNodeParameter('text', i) as string) : undefined,
		embedder: await embedder(),
		source: options.source,
		limit: options.limit ?? 50,
	});
	return rows as unknown as IDataObject[];
};

const families: Action = async (ctx, engine, i, embedder) => {
	const options = ctx.getNodeParameter('familyOptions', i, {}) as {
		threshold?: number;
		neighbours?: number;
	};
	const found = await templateFamilies(
		engine,
		await knownCampaign(ctx, engine, i),
		(await embedder()).model,
		options,
	);
	return found as unknown as IDataObject[];
};

export const featureActions: Record<string, Action> = { extract, query, similar, families };
