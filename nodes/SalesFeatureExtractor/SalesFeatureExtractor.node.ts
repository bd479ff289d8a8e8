import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import type { Embedder } from '../engine';
import { searchCampaigns } from '../shared/campaignLocator';
import { docsUrl } from '../shared/docsUrl';
import { operationOf } from '../shared/operationOf';
import { runPerItem } from '../shared/runPerItem';
import { engineOnce, salesEngineStoreTest, storeNotice } from '../shared/storeCredential';
import * as feature from './actions/feature/Feature.resource';
import * as similarity from './actions/similarity/Similarity.resource';
import type { Action } from './actions/types';
import { embedderOf } from './embedderOf';

export class SalesFeatureExtractor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sales Feature Extractor',
		name: 'salesFeatureExtractor',
		icon: { light: 'file:salesFeatureExtractor.svg', dark: 'file:salesFeatureExtractor.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Deterministic signals of sales emails (subject, opening, CTA, structure, cadence) and embeddings',
		defaults: { name: 'Sales Feature Extractor' },
		documentationUrl: docsUrl('sales-feature-extractor'),
		inputs: [
			NodeConnectionTypes.Main,
			{
				type: NodeConnectionTypes.AiEmbedding,
				displayName: 'Embeddings',
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
				options: [
					{ name: 'Feature', value: 'feature' },
					{ name: 'Similarity', value: 'similarity' },
				],
				default: 'feature',
			},
			...feature.description,
			...similarity.description,
		],
	};

	methods = {
		credentialTest: { salesEngineStoreTest },
		listSearch: { searchCampaigns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const action = operationOf<Action>(this, {
			feature: feature.operations,
			similarity: similarity.operations,
		});
		const engine = engineOnce(this);
		// The sub-node is asked once per run, and only by operations that embed.
		let embedder: Promise<Embedder> | undefined;
		const once = () => (embedder ??= embedderOf(this));
		return await runPerItem(this, async (i) => await action(this, await engine, i, once));
	}
}
