import type { INodeProperties } from 'n8n-workflow';

import * as families from './families.operation';
import * as similar from './similar.operation';

export const operations = { similar, families };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['similarity'] } },
		options: [
			{
				name: 'Find Similar Emails',
				value: 'similar',
				description: 'The emails nearest to a stored email or to a text',
				action: 'Find similar emails',
			},
			{
				name: 'Find Template Families',
				value: 'families',
				description: 'Groups of near-duplicate emails: a template reused with names swapped',
				action: 'Find template families',
			},
		],
		default: 'similar',
	},
	...similar.description,
	...families.description,
];
