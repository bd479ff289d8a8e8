import type { INodeProperties } from 'n8n-workflow';

import * as suppress from './suppress.operation';
import * as unsubscribe from './unsubscribe.operation';

export const operations = { unsubscribe, suppress };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recipient'] } },
		options: [
			{
				name: 'Unsubscribe',
				value: 'unsubscribe',
				description: 'Honour a one-click unsubscribe from its signed token (idempotent)',
				action: 'Unsubscribe a recipient',
			},
			{
				name: 'Suppress',
				value: 'suppress',
				description: 'Never mail an address or a whole domain again',
				action: 'Suppress an address or domain',
			},
		],
		default: 'unsubscribe',
	},
	...unsubscribe.description,
	...suppress.description,
];
