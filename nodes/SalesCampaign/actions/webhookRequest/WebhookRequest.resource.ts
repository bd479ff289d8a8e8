import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';

export const operations = { verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookRequest'] } },
		options: [
			{
				name: 'Verify',
				value: 'verify',
				description:
					'Accept a signed webhook request once: a strong key, a short-lived token, never replayed',
				action: 'Verify a signed webhook request',
			},
		],
		default: 'verify',
	},
	...verify.description,
];
