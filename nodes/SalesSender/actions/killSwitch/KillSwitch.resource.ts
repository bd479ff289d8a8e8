import type { INodeProperties } from 'n8n-workflow';

import * as engage from './engage.operation';
import * as release from './release.operation';

export const operations = { engage, release };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['killSwitch'] } },
		options: [
			{
				name: 'Engage',
				value: 'engage',
				description: 'Stop every new send in the scope',
				action: 'Engage a kill switch',
			},
			{
				name: 'Release',
				value: 'release',
				description: 'Let sends in the scope start again',
				action: 'Release a kill switch',
			},
		],
		default: 'engage',
	},
	...engage.description,
	...release.description,
];
