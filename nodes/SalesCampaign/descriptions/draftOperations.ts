import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator } from '../../shared/campaignLocator';

const show = (operation: string[]) => ({ show: { resource: ['draft'], operation } });

/** Approval (stage 7): a human reviews drafts and approves, rejects or edits them. */
export const draftOperations: INodeProperties = {
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
};

const draftIds: INodeProperties = {
	displayName: 'Draft IDs',
	name: 'draftIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 3f0c…, 9a1b… or {{ $json.draftIds }}',
	description: 'Comma-separated draft IDs, or an expression giving a list',
};

export const draftFields: INodeProperties[] = [
	{ ...campaignLocator, displayOptions: show(['review', 'approve', 'reject', 'edit']) },
	{
		displayName: 'Approve',
		name: 'approveBy',
		description:
			"Which drafts to approve: every draft that passes the Blueprint, the listed IDs, or one prospect's sequence",
		type: 'options',
		options: [
			{ name: 'All Passing Drafts', value: 'allPassing' },
			{ name: 'By Draft IDs', value: 'ids' },
			{ name: 'By Prospect', value: 'prospect' },
		],
		default: 'ids',
		displayOptions: show(['approve']),
	},
	{
		...draftIds,
		displayOptions: { show: { resource: ['draft'], operation: ['approve'], approveBy: ['ids'] } },
	},
	{ ...draftIds, displayOptions: show(['reject']) },
	{
		displayName: 'Prospect ID',
		name: 'prospectId',
		description:
			'The prospect whose drafts (every touch) are approved, as in the prospect_id of Review Drafts',
		type: 'string',
		default: '',
		required: true,
		displayOptions: {
			show: { resource: ['draft'], operation: ['approve'], approveBy: ['prospect'] },
		},
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 2 },
		description: 'Stored with the draft for the writer and the next reviewer',
		displayOptions: show(['reject']),
	},
	{
		displayName: 'Draft ID',
		name: 'draftId',
		description: 'The draft to change (its ID in Review Drafts); its lint is re-run after the edit',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(['edit']),
	},
	{
		displayName: 'New Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'Leave empty to keep the subject',
		displayOptions: show(['edit']),
	},
	{
		displayName: 'New Body',
		name: 'bodyText',
		type: 'string',
		default: '',
		typeOptions: { rows: 8 },
		description: 'Plain text; leave empty to keep the body',
		displayOptions: show(['edit']),
	},
	{
		displayName: 'Reviewer',
		name: 'reviewer',
		type: 'string',
		default: '',
		placeholder: 'e.g. jane@northwind.com',
		description: 'Who decides, for the audit trail; defaults to this workflow and execution',
		displayOptions: show(['approve', 'reject', 'edit']),
	},
	{
		displayName: 'Filters',
		name: 'draftFilters',
		description: 'Narrow the drafts listed for review',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: show(['review']),
		options: [
			{
				displayName: 'Prospect ID',
				name: 'prospectId',
				description: "Only this prospect's drafts",
				type: 'string',
				default: '',
			},
			{
				displayName: 'Status',
				name: 'status',
				description:
					'Only drafts in this state; by default every draft still to decide (needs edit first)',
				type: 'multiOptions',
				options: [
					{ name: 'Approved', value: 'approved' },
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Needs Edit', value: 'needs_edit' },
					{ name: 'Pending Approval', value: 'pending_approval' },
					{ name: 'Rejected', value: 'rejected' },
					{ name: 'Sent', value: 'sent' },
				],
				default: [],
			},
		],
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: show(['review']),
	},
];
