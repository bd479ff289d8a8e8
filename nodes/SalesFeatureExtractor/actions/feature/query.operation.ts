import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { type FeatureFilter, queryFeatures } from '../../../engine';
import { campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import { returnAllOrLimit } from '../../../shared/listProperties';
import { knownCampaign, SOURCES } from '../shared';
import type { Action } from '../types';

const CTA_TYPES = [
	{ name: 'Calendar Link', value: 'calendar_link' },
	{ name: 'Interest Question', value: 'interest_question' },
	{ name: 'Meeting Ask (With a Time)', value: 'meeting_ask' },
	{ name: 'None', value: 'none' },
	{ name: 'Other Link', value: 'other_link' },
	{ name: 'Reply Request', value: 'reply_request' },
	{ name: 'Several', value: 'several' },
];

export const description: INodeProperties[] = forOperation('feature', 'query', [
	campaignLocator,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		description: 'Only emails matching every filter set',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Competitor',
				name: 'competitor',
				description: "Only this competitor's emails (its name in the campaign)",
				type: 'string',
				default: '',
				placeholder: 'e.g. Globex',
			},
			{
				displayName: 'CTA Strength',
				name: 'ctaStrength',
				description: 'Only emails whose call to action is this strong',
				type: 'options',
				options: [
					{ name: 'Hard (Timed Meeting or Calendar Link)', value: 'hard' },
					{ name: 'None', value: 'none' },
					{ name: 'Soft (Any Other Ask)', value: 'soft' },
				],
				default: 'soft',
			},
			{
				displayName: 'CTA Types',
				name: 'ctaTypes',
				description: 'Only emails whose call to action is one of these',
				type: 'multiOptions',
				options: CTA_TYPES,
				default: [],
			},
			{
				displayName: 'Max Gap (Days)',
				name: 'maxGapDays',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 5,
				description: 'At most this many days after the previous touch',
			},
			{
				displayName: 'Min Gap (Days)',
				name: 'minGapDays',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 3,
				description: 'At least this many days after the previous touch',
			},
			{
				displayName: 'Opening Types',
				name: 'openingTypes',
				description: 'Only emails that open in one of these ways',
				type: 'multiOptions',
				options: [
					{ name: 'Generic', value: 'generic' },
					{ name: 'Prospect Reference', value: 'prospect_reference' },
					{ name: 'Self-Introduction', value: 'self_introduction' },
				],
				default: [],
			},
			{
				displayName: 'Source',
				name: 'source',
				description: "Only the brand's or only competitors' emails",
				type: 'options',
				options: SOURCES,
				default: 'competitor',
			},
			{
				displayName: 'Step',
				name: 'step',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2,
				description: 'Position in the sequence: 1 for first touches, 2 for the first follow-up',
			},
			{
				displayName: 'Structure Types',
				name: 'structureTypes',
				description: 'Only emails built in one of these ways',
				type: 'multiOptions',
				options: [
					{ name: 'Breakup', value: 'breakup' },
					{ name: 'Plain', value: 'plain' },
					{ name: 'Problem–Solution', value: 'problem_solution' },
					{ name: 'Question-Led', value: 'question_led' },
					{ name: 'Social Proof', value: 'social_proof' },
				],
				default: [],
			},
			{
				displayName: 'Subject Has Question',
				name: 'subjectHasQuestion',
				description: 'Whether the subject asks a question',
				type: 'boolean',
				default: true,
			},
			{
				displayName: 'Subject Personalized',
				name: 'subjectPersonalized',
				description: 'Whether the subject names the recipient or their company',
				type: 'boolean',
				default: true,
			},
		],
	},
	{
		displayName: 'Query and Similarity read what Extract stored: run Extract on the campaign first',
		name: 'notice',
		type: 'notice',
		default: '',
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const filters = ctx.getNodeParameter('filters', i, {}) as Omit<FeatureFilter, 'campaignId'>;
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	const wanted = returnAll ? Infinity : (ctx.getNodeParameter('limit', i, 50) as number);
	const campaignId = await knownCampaign(ctx, engine, i);
	const rows: IDataObject[] = [];
	// Pages of 1,000 so "all" of a large campaign never becomes one huge result set in memory twice.
	for (let offset = 0; rows.length < wanted; offset += 1000) {
		const page = await queryFeatures(engine.db, {
			...filters,
			competitor: filters.competitor || undefined,
			campaignId,
			limit: Math.min(1000, wanted - rows.length),
			offset,
		});
		rows.push(...(page as unknown as IDataObject[]));
		if (page.length < 1000) break;
	}
	return rows;
};
