import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { create, get, getAll, cancel };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Stop a campaign for good; drafts not yet sent are cancelled',
				action: 'Cancel a campaign',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a campaign for a brand and its competitors',
				action: 'Create a campaign',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List campaigns, newest first',
				action: 'Get many campaigns',
			},
			{
				name: 'Get Status',
				value: 'get',
				description: 'Counts per stage, draft and send state, and the active Blueprint version',
				action: 'Get the status of a campaign',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...cancel.description,
];
