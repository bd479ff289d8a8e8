import type { INodeProperties } from 'n8n-workflow';

import * as approve from './approve.operation';
import * as edit from './edit.operation';
import * as reject from './reject.operation';
import * as review from './review.operation';

export const operations = { review, approve, reject, edit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['draft'] } },
		options: [
			{
				name: 'Approve',
				value: 'approve',
				description: 'Approve drafts that pass the Blueprint: by IDs, by prospect, or all passing',
				action: 'Approve drafts',
			},
			{
				name: 'Edit',
				value: 'edit',
				description: 'Change a draft; it is linted again and any approval is withdrawn',
				action: 'Edit a draft',
			},
			{
				name: 'Get Many for Review',
				value: 'review',
				description: 'Drafts with their lint result and an HTML preview',
				action: 'Get drafts for review',
			},
			{
				name: 'Reject',
				value: 'reject',
				description: 'Reject drafts with a reason',
				action: 'Reject drafts',
			},
		],
		default: 'review',
	},
	...review.description,
	...approve.description,
	...reject.description,
	...edit.description,
];
