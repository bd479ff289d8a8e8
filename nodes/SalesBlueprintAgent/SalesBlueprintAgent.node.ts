import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import type { ChatModel } from '../engine';
import { searchCampaigns } from '../shared/campaignLocator';
import { docsUrl } from '../shared/docsUrl';
import { operationOf } from '../shared/operationOf';
import { runPerItem } from '../shared/runPerItem';
import { engineOnce, salesEngineStoreTest, storeNotice } from '../shared/storeCredential';
import * as blueprint from './actions/blueprint/Blueprint.resource';
import type { Action } from './actions/types';
import { connectedChatModel } from './asChatModel';

export class SalesBlueprintAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sales Blueprint Agent',
		name: 'salesBlueprintAgent',
		icon: { light: 'file:salesBlueprintAgent.svg', dark: 'file:salesBlueprintAgent.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'A versioned, explainable outbound strategy learned from brand vs competitor sales mail',
		defaults: { name: 'Sales Blueprint Agent' },
		documentationUrl: docsUrl('sales-blueprint-agent'),
		inputs: [
			NodeConnectionTypes.Main,
			{
				type: NodeConnectionTypes.AiLanguageModel,
				displayName: 'Chat Model',
				required: false,
				maxConnections: 1,
			},
		],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// Inline so n8n's static checks can read it; optional: no credential means the embedded store.
		credentials: [
			{ name: 'salesEngineStoreApi', required: false, testedBy: 'salesEngineStoreTest' },
		],
		properties: [
			storeNotice,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Blueprint', value: 'blueprint' }],
				default: 'blueprint',
			},
			...blueprint.description,
		],
	};

	methods = {
		credentialTest: { salesEngineStoreTest },
		listSearch: { searchCampaigns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const action = operationOf<Action>(this, { blueprint: blueprint.operations });
		const engine = engineOnce(this);
		// The chat model is asked for once per run, and only by Synthesize.
		let model: Promise<ChatModel | undefined> | undefined;
		const once = () => (model ??= connectedChatModel(this));
		return await runPerItem(this, async (i) => await action(this, await engine, i, once));
	}
}
