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
		],
	},
]);

export const execute: BatchAction = async (ctx, engine, campaignId, prospects, options) =>
	(await generateDrafts(engine, campaignId, prospects, {
		model: await connectedChatModel(ctx),
		maxModelTries: options.maxModelTries as number | undefined,
		onModelUnavailable: options.onModelUnavailable as 'fallback' | 'stop' | undefined,
		actor: actorOf(ctx),
	})) as unknown as IDataObject[];
