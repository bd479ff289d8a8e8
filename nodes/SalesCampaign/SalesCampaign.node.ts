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
import * as webhookRequest from './actions/webhookRequest/WebhookRequest.resource';
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
			// n8n's own JWT credential, the one its Webhook node checks signed requests with.
			{
				// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references, n8n-nodes-base/node-class-description-credentials-name-unsuffixed
				name: 'jwtAuth',
				required: true,
				displayOptions: { show: { resource: ['webhookRequest'] } },
			},
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
					{ name: 'Webhook Request', value: 'webhookRequest' },
				],
				default: 'campaign',
			},
			...campaign.description,
			...draft.description,
			...webhookRequest.description,
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
			webhookRequest: webhookRequest.operations,
		});
		const engine = engineOnce(this);
		return await runPerItem(this, async (i) => action(this, await engine, i));
	}
}
