import type { INodeProperties } from 'n8n-workflow';

import * as approvalPage from './approvalPage.operation';
import * as approve from './approve.operation';
import * as decide from './decide.operation';
import * as edit from './edit.operation';
import * as reject from './reject.operation';
import * as review from './review.operation';
import * as summary from './summary.operation';

export const operations = { review, approve, reject, edit, approvalPage, decide, summary };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['draft'] } },
		options: [
			{
				name: 'Apply Approval Decision',
				value: 'decide',
				description:
					"Carry out an approval page's answer: draft numbers and IDs checked first, a wrong one reported, never a reason to drop the rest",
				action: 'Apply an approval decision',
			},
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
				name: 'Get Approval Page',
				value: 'approvalPage',
				description:
					'The HTML of the approval page: open drafts numbered, what went wrong upstream, the Blueprint',
				action: 'Get the approval page',
			},
			{
				name: 'Get Approval Summary',
				value: 'summary',
				description:
					'The HTML page after a decision: what is queued and when, what is blocked, what was not done',
				action: 'Get the approval summary',
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
	...approvalPage.description,
	...decide.description,
	...summary.description,
];
