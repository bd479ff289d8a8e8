import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator } from '../../shared/campaignLocator';
import { onModelUnavailableOption } from '../../shared/onModelUnavailable';

const show = (operation: string[]) => ({ show: { resource: ['blueprint'], operation } });

const includeReport: INodeProperties = {
	displayName: 'Include Report',
	name: 'includeReport',
	type: 'boolean',
	default: true,
	description:
		'Whether to attach the human-readable report as binary data: HTML with charts ("report") and Markdown ("reportMarkdown")',
};

export const blueprintProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Blueprint', value: 'blueprint' }],
		default: 'blueprint',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['blueprint'] } },
		options: [
			{
				name: 'Compare Versions',
				value: 'compare',
				description: 'What changed between two versions, rule by rule',
				action: 'Compare two blueprint versions',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'The active Blueprint, or one version',
				action: 'Get a blueprint',
			},
			{
				name: 'Get Many',
				value: 'list',
				description: 'Every version of the campaign’s Blueprint, newest first',
				action: 'Get many blueprint versions',
			},
			{
				name: 'Roll Back',
				value: 'rollback',
				description: 'Make an earlier version the active Blueprint again',
				action: 'Roll back to a blueprint version',
			},
			{
				name: 'Synthesize',
				value: 'synthesize',
				description:
					'Learn a new Blueprint version from the campaign’s analysed brand and competitor mail',
				action: 'Synthesize a blueprint',
			},
		],
		default: 'synthesize',
	},
	{
		...campaignLocator,
		displayOptions: show(['synthesize', 'get', 'list', 'compare', 'rollback']),
	},
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'Which version to get; 0 means the active one',
		displayOptions: show(['get']),
	},
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		required: true,
		description: 'The version to make active again',
		displayOptions: show(['rollback']),
	},
	{
		displayName: 'From Version',
		name: 'fromVersion',
		description:
			'The older Blueprint version of the campaign; the comparison shows what changed from it',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		required: true,
		displayOptions: show(['compare']),
	},
	{
		displayName: 'To Version',
		name: 'toVersion',
		description: 'The newer Blueprint version to compare with From Version',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 2,
		required: true,
		displayOptions: show(['compare']),
	},
	{ ...includeReport, displayOptions: show(['synthesize', 'get']) },
	{
		displayName: 'Options',
		name: 'options',
		description: 'Settings for this synthesis; the defaults learn from all analysed mail',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show(['synthesize']),
		options: [
			{
				displayName: 'Include Inputs Snapshot',
				name: 'includeInputs',
				type: 'boolean',
				default: false,
				description:
					'Whether to output the distributions the Blueprint was computed from (large); they are always stored',
			},
			{
				displayName: 'Learn From',
				name: 'learnFrom',
				type: 'options',
				options: [
					{ name: 'All Analysed Mail', value: 'all' },
					{ name: 'Brand Mail Only', value: 'brand' },
					{ name: 'Competitor Mail Only', value: 'competitors' },
				],
				default: 'all',
				description:
					'Which mail the numbers are learned from; the report compares all sources anyway',
			},
			onModelUnavailableOption,
			{
				displayName: 'Max Model Tries',
				name: 'maxModelTries',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 3,
				description:
					'How many times the connected chat model is asked, with the validation errors, before the deterministic synthesis is used',
			},
			{
				displayName: 'Min Sample Size',
				name: 'minSample',
				type: 'number',
				typeOptions: { minValue: 3 },
				default: 10,
				description:
					'Emails a rule must rest on to be learned from the data instead of the default',
			},
			{
				displayName: 'Sent After',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: 'Only analyse mail sent at or after this time',
			},
			{
				displayName: 'Sent Before',
				name: 'until',
				type: 'dateTime',
				default: '',
				description: 'Only analyse mail sent before this time',
			},
		],
	},
	{
		...includeReport,
		name: 'includeInputs',
		displayName: 'Include Inputs Snapshot',
		default: false,
		description:
			'Whether to output the distributions, counts, window and thresholds the version was computed from',
		displayOptions: show(['get']),
	},
];
