import type { INodeProperties } from 'n8n-workflow';

import * as intake from './intake.operation';

export const operations = { intake };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['incomingMail'] } },
		options: [
			{
				name: 'Process Replies and Bounces',
				value: 'intake',
				description:
					'Read incoming mail: a reply stops the sequence, a hard bounce or complaint suppresses the address, an auto-reply is only recorded',
				action: 'Process replies and bounces',
			},
		],
		default: 'intake',
	},
	...intake.description,
];
