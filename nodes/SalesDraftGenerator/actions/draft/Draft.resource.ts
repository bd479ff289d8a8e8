import type { INodeProperties } from 'n8n-workflow';

import * as generate from './generate.operation';

export const operations = { generate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['draft'] } },
		options: [
			{
				name: 'Generate',
				value: 'generate',
				description:
					'Write a Blueprint-enforced sequence for each prospect and store it for approval',
				action: 'Generate drafts for prospects',
			},
		],
		default: 'generate',
	},
	...generate.description,
];
