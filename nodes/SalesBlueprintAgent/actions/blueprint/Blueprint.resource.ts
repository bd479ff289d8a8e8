import type { INodeProperties } from 'n8n-workflow';

import * as compare from './compare.operation';
import * as get from './get.operation';
import * as learnFromResults from './learnFromResults.operation';
import * as list from './list.operation';
import * as rollback from './rollback.operation';
import * as synthesize from './synthesize.operation';

export const operations = { synthesize, get, list, compare, rollback, learnFromResults };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['blueprint'] } },
		options: [
			{
				name: 'Activate Version',
				value: 'rollback',
				description:
					'Make another version the active Blueprint: approve a proposed one, or roll back to an earlier one',
				action: 'Activate a blueprint version',
			},
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
				name: 'Learn From Results',
				value: 'learnFromResults',
				description:
					'Propose a new version with the dos and don’ts the campaign’s own replies make credible, with the evidence',
				action: 'Learn a blueprint from the campaign results',
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
	...synthesize.description,
	...get.description,
	...list.description,
	...compare.description,
	...rollback.description,
	...learnFromResults.description,
];
