import type { INodeProperties } from 'n8n-workflow';

import { type LearnFrom, synthesizeBlueprint } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import { onModelUnavailableOption } from '../../../shared/onModelUnavailable';
import type { Action } from '../types';
import { includeReport, output } from './common';
import { spamFilterOption } from '../../../shared/spamFilterOption';

export const description: INodeProperties[] = forOperation('blueprint', 'synthesize', [
	{
		...campaignLocator,
	},
	{ ...includeReport },
	{
		displayName: 'Options',
		name: 'options',
		description: 'Settings for this synthesis; the defaults learn from all analysed mail',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
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
				displayName: 'Reuse When Unchanged',
				name: 'reuseUnchanged',
				type: 'boolean',
				default: true,
				description:
					'Whether to keep the active version when nothing it would read changed (the same mail, words, settings and model), instead of writing an identical version or asking the model again: for a form submitted twice',
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
			{
				...spamFilterOption,
				description:
					"SpamAssassin's spamd (host:port) that scores the brand's own mail for the Blueprint's spam-score limit; empty: SALES_ENGINE_SPAMD, else SpamAssassin's default limit (5)",
			},
		],
	},
]);

export const execute: Action = async (ctx, engine, i, model) => {
	const options = ctx.getNodeParameter('options', i, {}) as {
		learnFrom?: LearnFrom;
		since?: string;
		until?: string;
		minSample?: number;
		maxModelTries?: number;
		onModelUnavailable?: 'fallback' | 'stop';
		includeInputs?: boolean;
		reuseUnchanged?: boolean;
		spamd?: string;
	};
	const b = await synthesizeBlueprint(engine, campaignIdOf(ctx, i), {
		learnFrom: options.learnFrom,
		window: { since: options.since || null, until: options.until || null },
		thresholds: options.minSample ? { minSample: options.minSample } : undefined,
		model: await model(),
		maxModelTries: options.maxModelTries,
		onModelUnavailable: options.onModelUnavailable,
		reuseUnchanged: options.reuseUnchanged ?? false,
		spam: { spamd: options.spamd || undefined },
		actor: actorOf(ctx),
	});
	return await output(ctx, engine, i, b, options.includeInputs ?? false);
};
