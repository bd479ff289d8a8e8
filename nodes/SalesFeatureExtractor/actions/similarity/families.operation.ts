import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { templateFamilies } from '../../../engine';
import { campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import { knownCampaign } from '../shared';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('similarity', 'families', [
	campaignLocator,
	{
		displayName: 'Options',
		name: 'familyOptions',
		description: 'Optional settings of the template-family grouping',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Similarity Threshold',
				name: 'threshold',
				type: 'number',
				typeOptions: { minValue: 0.5, maxValue: 1, numberPrecision: 2 },
				default: 0.9,
				description: 'Cosine similarity at or above which two emails share a template',
			},
			{
				displayName: 'Neighbours per Email',
				name: 'neighbours',
				description:
					'Nearest neighbours looked at per email when grouping; more finds larger families, slower',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 10,
			},
		],
	},
	{
		displayName: 'Query and Similarity read what Extract stored: run Extract on the campaign first',
		name: 'notice',
		type: 'notice',
		default: '',
	},
]);

export const execute: Action = async (ctx, engine, i, embedder) => {
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
