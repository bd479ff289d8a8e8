import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { generateDrafts } from '../../../engine';
import { connectedChatModel } from '../../../SalesBlueprintAgent/asChatModel';
import { actorOf } from '../../../shared/actor';
import { forOperation } from '../../../shared/forOperation';
import { onModelUnavailableOption } from '../../../shared/onModelUnavailable';
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
			{
				displayName: 'Variants',
				name: 'variants',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 4 },
				default: 1,
				description:
					"Write 2–4 variants of the sequence (another example subject, another wording of the first ask) and give each new prospect one of them at random; the campaign's results then compare them. Deterministic writer only.",
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
		skipped,
		actor: actorOf(ctx),
	})) as unknown as IDataObject[];
