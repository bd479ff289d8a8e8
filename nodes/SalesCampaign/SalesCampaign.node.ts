import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { searchCampaigns } from '../shared/campaignLocator';
import { docsUrl } from '../shared/docsUrl';
import { operationOf } from '../shared/operationOf';
import { runPerItem } from '../shared/runPerItem';
import { engineOnce, salesEngineStoreTest, storeNotice } from '../shared/storeCredential';
import * as campaign from './actions/campaign/Campaign.resource';
import * as draft from './actions/draft/Draft.resource';
import type { Action } from './actions/types';

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
		const action = operationOf<Action>(this, {
			campaign: campaign.operations,
			draft: draft.operations,
		});
		const engine = engineOnce(this);
		return await runPerItem(this, async (i) => action(this, await engine, i));
	}
}
