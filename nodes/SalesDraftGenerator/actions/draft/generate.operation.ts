import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { generateDrafts } from '../../../engine';
import { connectedChatModel } from '../../../SalesBlueprintAgent/asChatModel';
import { actorOf } from '../../../shared/actor';
import { forOperation } from '../../../shared/forOperation';
import { onModelUnavailableOption } from '../../../shared/onModelUnavailable';
import { commaList, dnsServersOption } from '../../../shared/dnsServers';
import { spamFilterOption } from '../../../shared/spamFilterOption';
import { prospectInputProperties } from '../readProspects';
import type { BatchAction } from '../types';

export const description: INodeProperties[] = forOperation('draft', 'generate', [
	...prospectInputProperties,
	{
		displayName: 'Options',
		name: 'options',
		description: 'Optional settings of the generation',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			dnsServersOption('the address check'),
			{
				displayName: 'Flag Free-Mail Addresses',
				name: 'b2b',
				type: 'boolean',
				default: true,
				description:
					'Whether a prospect at a free-mail provider (Gmail, Outlook.com, …) is flagged for the reviewer: for B2B campaigns',
			},
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
			spamFilterOption,
			{
				displayName: 'Variants',
				name: 'variants',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 4 },
				default: 1,
				description:
					"Write 2–4 variants of the sequence (another example subject, another wording of the first ask) and give each new prospect one of them at random; the campaign's results then compare them. Deterministic writer only.",
			},
			{
				displayName: 'Verify Addresses',
				name: 'verify',
				type: 'boolean',
				default: true,
				description:
					"Whether each new prospect's address is checked before drafting (syntax, the domain's MX through DNS, disposable domains, suppressions; role and free-mail addresses flagged): undeliverable ones get no drafts and are listed on the approval page",
			},
		],
	},
]);

export const execute: BatchAction = async (ctx, engine, campaignId, prospects, options, skipped) =>
	(await generateDrafts(engine, campaignId, prospects, {
		model: await connectedChatModel(ctx),
		maxModelTries: options.maxModelTries as number | undefined,
		onModelUnavailable: options.onModelUnavailable as 'fallback' | 'stop' | undefined,
		variants: options.variants as number | undefined,
		verify:
			options.verify === false
				? false
				: { dnsServers: commaList(options.dnsServers), b2b: options.b2b as boolean | undefined },
		spam: { spamd: (options.spamd as string | undefined) || undefined },
		unsubscribe: await unsubscribeCredential(ctx),
		skipped,
		actor: actorOf(ctx),
	})) as unknown as IDataObject[];

/** The optional Unsubscribe credential: drafts are scored with the footer link a send carries. */
async function unsubscribeCredential(ctx: Parameters<BatchAction>[0]) {
	try {
		return (await ctx.getCredentials('salesEngineUnsubscribeApi')) as {
			unsubscribeUrl?: string;
			secret?: string;
		};
	} catch {
		return undefined;
	}
}
