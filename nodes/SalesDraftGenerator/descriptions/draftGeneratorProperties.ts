import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator } from '../../shared/campaignLocator';
import { onModelUnavailableOption } from '../../shared/onModelUnavailable';

export const draftGeneratorProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Draft', value: 'draft' },
			{ name: 'Prospect', value: 'prospect' },
		],
		default: 'draft',
	},
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
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['prospect'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update prospects',
			},
		],
		default: 'upsert',
	},
	campaignLocator,
	{
		displayName: 'Prospects From',
		name: 'prospectSource',
		description: 'Where the prospects come from: one per input item, or the rows of a CSV file',
		type: 'options',
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description:
					'Each item is a prospect: email, first name, last name, company, title, website, timezone; other fields are kept as signals',
			},
			{
				name: 'CSV File',
				value: 'csv',
				description: 'A CSV file in binary data, one prospect per row, with a header row',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { prospectSource: ['csv'] } },
		description: 'The binary field holding the CSV file',
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'Optional settings of the generation',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['draft'] } },
		options: [
			onModelUnavailableOption,
			{
				displayName: 'Max Model Tries',
				name: 'maxModelTries',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 3,
				description:
					'How many times the connected chat model is asked per prospect, with the violations, before what still fails is stored as needs edit',
			},
		],
	},
];
