import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { searchCampaigns } from '../shared/campaignLocator';
import { runPerItem } from '../shared/runPerItem';
import type { Action } from './actions/types';
import { docsUrl } from '../shared/docsUrl';
import { engineOnce, salesEngineStoreTest, storeNotice } from '../shared/storeCredential';
import * as campaign from './actions/campaign/Campaign.resource';
import * as draft from './actions/draft/Draft.resource';

export class SalesCampaign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sales Campaign',
		name: 'salesCampaign',
		icon: { light: 'file:salesCampaign.svg', dark: 'file:salesCampaign.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Create and follow sales campaigns (brand, competitors, sender, status) and approve their drafts',
		defaults: { name: 'Sales Campaign' },
		documentationUrl: docsUrl('sales-campaign'),
		inputs: [NodeConnectionTypes.Main],
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
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Draft', value: 'draft' },
				],
				default: 'campaign',
			},
			...campaign.description,
			...draft.description,
		],
	};

	methods = {
		credentialTest: { salesEngineStoreTest },
		listSearch: {
			searchCampaigns,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const operations: Record<string, Record<string, { execute: Action }>> = {
			campaign: campaign.operations,
			draft: draft.operations,
		};
		const action = operations[resource]?.[operation]?.execute;
		if (!action) {
			throw new NodeOperationError(
				this.getNode(),
				`Unsupported operation "${resource}: ${operation}"`,
			);
		}
		const engine = engineOnce(this);
		return await runPerItem(this, async (i) => action(this, await engine, i));
	}
}
