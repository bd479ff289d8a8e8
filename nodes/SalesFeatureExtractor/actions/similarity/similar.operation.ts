import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { similarEmails } from '../../../engine';
import { campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import { limitProperty } from '../../../shared/listProperties';
import { knownCampaign, SOURCES } from '../shared';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('similarity', 'similar', [
	campaignLocator,
	{
		displayName: 'Like',
		name: 'like',
		description: 'Find emails similar to a stored email or to a text',
		type: 'options',
		options: [
			{ name: 'A Stored Email', value: 'email' },
			{ name: 'A Text', value: 'text' },
		],
		default: 'email',
	},
	{
		displayName: 'Email ID',
		name: 'emailId',
		type: 'number',
		required: true,
		default: 0,
		description: 'The ID of an email of this campaign (email_id in query results)',
		displayOptions: { show: { like: ['email'] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		description: 'The text to find similar emails to, e.g. a draft',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		displayOptions: { show: { like: ['text'] } },
	},
	{
		displayName: 'Options',
		name: 'similarOptions',
		description: 'Optional settings of the search',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			limitProperty,
			{
				displayName: 'Source',
				name: 'source',
				description: "Search only the brand's or only competitors' emails",
				type: 'options',
				options: SOURCES,
				default: 'competitor',
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
