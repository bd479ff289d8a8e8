import type { INodeProperties } from 'n8n-workflow';

import * as extract from './extract.operation';
import * as query from './query.operation';

export const operations = { extract, query };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['feature'] } },
		options: [
			{
				name: 'Extract',
				value: 'extract',
				description:
					'Compute signals (and embeddings) for every email of the campaign not yet featurized',
				action: 'Extract features of a campaign',
			},
			{
				name: 'Query',
				value: 'query',
				description: 'Emails whose features match filters, e.g. soft CTAs sent as step 2',
				action: 'Query emails by features',
			},
		],
		default: 'extract',
	},
	...extract.description,
	...query.description,
];
