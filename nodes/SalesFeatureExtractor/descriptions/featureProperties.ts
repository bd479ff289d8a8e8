import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator } from '../../shared/campaignLocator';

const show = (resource: string, operation: string[]) => ({
	show: { resource: [resource], operation },
});

const SOURCES = [
	{ name: 'Brand', value: 'brand' },
	{ name: 'Competitor', value: 'competitor' },
];

const CTA_TYPES = [
	{ name: 'Calendar Link', value: 'calendar_link' },
	{ name: 'Interest Question', value: 'interest_question' },
	{ name: 'Meeting Ask (With a Time)', value: 'meeting_ask' },
	{ name: 'None', value: 'none' },
	{ name: 'Other Link', value: 'other_link' },
	{ name: 'Reply Request', value: 'reply_request' },
	{ name: 'Several', value: 'several' },
];

export const featureProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Feature', value: 'feature' },
			{ name: 'Similarity', value: 'similarity' },
		],
		default: 'feature',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['feature'] } },
		options: [
			{
				name: 'Extract',
				value: 'extract',
				description:
					'Compute signals (and embeddings) for every email of the campaign not yet featurized',
				action: 'Extract features of a campaign',
			},
			{
				name: 'Query',
				value: 'query',
				description: 'Emails whose features match filters, e.g. soft CTAs sent as step 2',
				action: 'Query emails by features',
			},
		],
		default: 'extract',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['similarity'] } },
		options: [
			{
				name: 'Find Similar Emails',
				value: 'similar',
				description: 'The emails nearest to a stored email or to a text',
				action: 'Find similar emails',
			},
			{
				name: 'Find Template Families',
				value: 'families',
				description: 'Groups of near-duplicate emails: a template reused with names swapped',
				action: 'Find template families',
			},
		],
		default: 'similar',
	},
	campaignLocator,

	// feature: extract
	{
		displayName: 'Embeddings',
		name: 'embeddings',
		description:
			'How emails are embedded for similarity search: a connected embeddings model, the built-in lexical embedder, or none',
		type: 'options',
		displayOptions: show('feature', ['extract']),
		options: [
			{
				name: 'Connected Model, Else Lexical',
				value: 'auto',
				description:
					'The embeddings sub-node when one is connected, else the built-in lexical embedder',
			},
			{
				name: 'Lexical (Built-In)',
				value: 'lexical',
				description: 'Hashed word and character n-grams: no model, no download',
			},
			{ name: 'None', value: 'none', description: 'Signals only' },
		],
		default: 'auto',
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'Optional settings of the extraction',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('feature', ['extract']),
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: 500,
				description: 'Emails featurized and written per statement',
			},
			{
				displayName: 'Recompute All',
				name: 'all',
				type: 'boolean',
				default: false,
				description: 'Whether to recompute emails whose features are already current',
			},
		],
	},

	// feature: query
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: show('feature', ['query']),
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { resource: ['feature'], operation: ['query'], returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		description: 'Only emails matching every filter set',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('feature', ['query']),
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

	// similarity
	{
		displayName: 'Like',
		name: 'like',
		description: 'Find emails similar to a stored email or to a text',
		type: 'options',
		displayOptions: show('similarity', ['similar']),
		options: [
			{ name: 'A Stored Email', value: 'email' },
			{ name: 'A Text', value: 'text' },
		],
		default: 'email',
	},
	{
		displayName: 'Email ID',
		name: 'emailId',
		type: 'number',
		required: true,
		default: 0,
		description: 'The ID of an email of this campaign (email_id in query results)',
		displayOptions: { show: { resource: ['similarity'], operation: ['similar'], like: ['email'] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		description: 'The text to find similar emails to, e.g. a draft',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		displayOptions: { show: { resource: ['similarity'], operation: ['similar'], like: ['text'] } },
	},
	{
		displayName: 'Options',
		name: 'similarOptions',
		description: 'Optional settings of the search',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('similarity', ['similar']),
		options: [
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
			},
			{
				displayName: 'Source',
				name: 'source',
				description: "Search only the brand's or only competitors' emails",
				type: 'options',
				options: SOURCES,
				default: 'competitor',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'familyOptions',
		description: 'Optional settings of the template-family grouping',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('similarity', ['families']),
		options: [
			{
				displayName: 'Similarity Threshold',
				name: 'threshold',
				type: 'number',
				typeOptions: { minValue: 0.5, maxValue: 1, numberPrecision: 2 },
				default: 0.9,
				description: 'Cosine similarity at or above which two emails share a template',
			},
			{
				displayName: 'Neighbours per Email',
				name: 'neighbours',
				description:
					'Nearest neighbours looked at per email when grouping; more finds larger families, slower',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 10,
			},
		],
	},
	{
		displayName: 'Query and Similarity read what Extract stored: run Extract on the campaign first',
		name: 'notice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['query', 'similar', 'families'] } },
	},
];
