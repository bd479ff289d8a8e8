import type { INodeProperties, IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import {
	type CompanyRef,
	createCampaign,
	invalidInput,
	parseCompetitorList,
} from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { text } from './common';

function settingsOf(value: unknown): Record<string, unknown> {
	if (value === undefined || value === '') return {};
	if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
	try {
		return jsonParse<Record<string, unknown>>(String(value));
	} catch (error) {
		throw invalidInput(`Settings (JSON) is not valid JSON: ${(error as Error).message}`);
	}
}

/** The one Competitors field: its text, or a list of {name, website} given by an expression. */
function competitorsOf(value: unknown): CompanyRef[] {
	if (value === undefined || value === null || value === '') return [];
	if (typeof value === 'string') return parseCompetitorList(value);
	const list = Array.isArray(value) ? value : [value];
	return list.flatMap((entry) => {
		if (typeof entry === 'string') return parseCompetitorList(entry);
		if (typeof entry === 'object' && entry && typeof (entry as CompanyRef).name === 'string')
			return [entry as CompanyRef];
		throw invalidInput(
			`Competitors: expected a text such as "Globex | globex.com" or {name, website} objects, got ${JSON.stringify(entry).slice(0, 80)}`,
		);
	});
}

export const description: INodeProperties[] = forOperation('campaign', 'create', [
	{
		displayName: 'Brand Name',
		name: 'brandName',
		description:
			'The brand whose outbound mail the campaign writes; its own past mail is ingested with the Brand role',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Acme Analytics',
	},
	{
		displayName: 'Brand Website',
		name: 'brandWebsite',
		description:
			"The brand's domain or URL; used to tell brand mail from competitor mail and in the report",
		type: 'string',
		default: '',
		placeholder: 'e.g. acme.com',
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
	},
	{
		displayName: 'Additional Context',
		name: 'additionalContext',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'Positioning, audience, offer: used by the Blueprint when the mail corpus is thin',
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		description: 'The name shown in the From header of the messages',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Sender Email',
		name: 'senderEmail',
		description:
			'The address the messages are sent from, unless the Sales Sender rotates sending mailboxes',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Postal Address',
		name: 'postalAddress',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description:
			"The sender's physical address, required in every marketing message (CAN-SPAM, Gmail/Yahoo bulk sender rules); sending refuses to start without it",
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'Optional settings of the campaign',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
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
]);

export const execute: Action = async (ctx, engine, i) => {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const campaign = await createCampaign(
		engine,
		{
			name: options.name as string | undefined,
			brand: { name: text(ctx, 'brandName', i), website: text(ctx, 'brandWebsite', i) },
			competitors: competitorsOf(ctx.getNodeParameter('competitors', i, '')),
			additionalContext: text(ctx, 'additionalContext', i),
			sender: {
				name: text(ctx, 'senderName', i),
				email: text(ctx, 'senderEmail', i),
				replyTo: options.replyTo as string | undefined,
				postalAddress: text(ctx, 'postalAddress', i),
			},
			settings: settingsOf(options.settings),
			idempotencyKey: options.idempotencyKey as string | undefined,
		},
		actorOf(ctx),
	);
	return { ...campaign } as unknown as IDataObject;
};
