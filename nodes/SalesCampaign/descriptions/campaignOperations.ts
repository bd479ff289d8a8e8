import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator } from '../../shared/campaignLocator';

const show = (operation: string[]) => ({ show: { resource: ['campaign'], operation } });

export const campaignOperations: INodeProperties = {
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
};

export const campaignFields: INodeProperties[] = [
	// create
	{
		displayName: 'Brand Name',
		name: 'brandName',
		description:
			'The brand whose outbound mail the campaign writes; its own past mail is ingested with the Brand role',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Acme Analytics',
		displayOptions: show(['create']),
	},
	{
		displayName: 'Brand Website',
		name: 'brandWebsite',
		description:
			"The brand's domain or URL; used to tell brand mail from competitor mail and in the report",
		type: 'string',
		default: '',
		placeholder: 'e.g. acme.com',
		displayOptions: show(['create']),
	},
	{
		displayName: 'Competitors',
		name: 'competitors',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'Globex | globex.com\nInitech (initech.io)',
		description:
			'The competitors whose sales mail the Blueprint learns from: one per line or comma-separated, each "Name", "Name | website", "Name (website)" or a bare domain. An expression may also give a list of {name, website} objects.',
		displayOptions: show(['create']),
	},
	{
		displayName: 'Additional Context',
		name: 'additionalContext',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'Positioning, audience, offer: used by the Blueprint when the mail corpus is thin',
		displayOptions: show(['create']),
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		description: 'The name shown in the From header of the messages',
		type: 'string',
		default: '',
		displayOptions: show(['create']),
	},
	{
		displayName: 'Sender Email',
		name: 'senderEmail',
		description:
			'The address the messages are sent from, unless the Sales Sender rotates sending mailboxes',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		displayOptions: show(['create']),
	},
	{
		displayName: 'Postal Address',
		name: 'postalAddress',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description:
			"The sender's physical address, required in every marketing message (CAN-SPAM, Gmail/Yahoo bulk sender rules); sending refuses to start without it",
		displayOptions: show(['create']),
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'Optional settings of the campaign',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['create']),
		options: [
			{
				displayName: 'Campaign Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Defaults to the brand name followed by "outbound"',
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				placeholder: "e.g. {{ 'form:' + $json.brand.toLowerCase() }}",
				description:
					'While a campaign created with this key is active or paused, creating again with it returns that campaign (with created = false) instead of a duplicate, e.g. when a form is submitted twice. Cancelling the campaign frees the key.',
			},
			{
				displayName: 'Reply-To',
				name: 'replyTo',
				description: 'Where replies go when it is not the sender address',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Settings (JSON)',
				name: 'settings',
				type: 'json',
				default: '{}',
				description: 'Campaign settings kept with it, e.g. sending limits for the Sales Sender',
			},
		],
	},
	// get, cancel
	{ ...campaignLocator, displayOptions: show(['get', 'cancel']) },
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		description: 'Kept in the audit trail',
		displayOptions: show(['cancel']),
	},
	// getAll
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show(['getAll']),
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['campaign'], operation: ['getAll'], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		description: 'Narrow the list of campaigns',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(['getAll']),
		options: [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Text found in the campaign name or the brand name',
			},
			{
				displayName: 'Status',
				name: 'status',
				description: 'Only campaigns in this state',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'Paused', value: 'paused' },
				],
				default: 'active',
			},
		],
	},
];
