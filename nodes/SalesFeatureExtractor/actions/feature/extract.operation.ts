import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { extractFeatures, lexicalEmbedder } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('feature', 'extract', [
	campaignLocator,
	{
		displayName: 'Embeddings',
		name: 'embeddings',
		description:
			'How emails are embedded for similarity search: a connected embeddings model, the built-in lexical embedder, or none',
		type: 'options',
		options: [
			{
				name: 'Connected Model, Else Lexical',
				value: 'auto',
				description:
					'The embeddings sub-node when one is connected, else the built-in lexical embedder',
			},
			{
				name: 'Lexical (Built-In)',
				value: 'lexical',
				description: 'Hashed word and character n-grams: no model, no download',
			},
			{ name: 'None', value: 'none', description: 'Signals only' },
		],
		default: 'auto',
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'Optional settings of the extraction',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: 500,
				description: 'Emails featurized and written per statement',
			},
			{
				displayName: 'Recompute All',
				name: 'all',
				type: 'boolean',
				default: false,
				description: 'Whether to recompute emails whose features are already current',
			},
		],
	},
]);

export const execute: Action = async (ctx, engine, i, embedder) => {
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
