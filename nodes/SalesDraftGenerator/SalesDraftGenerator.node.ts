import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { campaignIdOf, searchCampaigns } from '../shared/campaignLocator';
import { docsUrl } from '../shared/docsUrl';
import { operationOf } from '../shared/operationOf';
import { errorItem } from '../shared/runPerItem';
import { engineOnce, salesEngineStoreTest, storeNotice } from '../shared/storeCredential';
import { salesEngineUnsubscribeTest } from '../SalesSender/actions/unsubscribeCredential';
import * as draft from './actions/draft/Draft.resource';
import * as prospect from './actions/prospect/Prospect.resource';
import { type ItemProspects, readProspects } from './actions/readProspects';
import type { BatchAction } from './actions/types';

export class SalesDraftGenerator implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sales Draft Generator',
		name: 'salesDraftGenerator',
		icon: { light: 'file:salesDraftGenerator.svg', dark: 'file:salesDraftGenerator.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Outbound sequences written under the active Blueprint, linted, stored for approval',
		defaults: { name: 'Sales Draft Generator' },
		documentationUrl: docsUrl('sales-draft-generator'),
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
			// Optional: the spam check renders each draft's footer with the link a send will carry.
			{
				name: 'salesEngineUnsubscribeApi',
				required: false,
				testedBy: 'salesEngineUnsubscribeTest',
				displayOptions: { show: { resource: ['draft'], operation: ['generate'] } },
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
					{ name: 'Draft', value: 'draft' },
					{ name: 'Prospect', value: 'prospect' },
				],
				default: 'draft',
			},
			...draft.description,
			...prospect.description,
		],
	};

	methods = {
		credentialTest: { salesEngineStoreTest, salesEngineUnsubscribeTest },
		listSearch: { searchCampaigns },
	};

	/**
	 * All items' prospects go to the engine together (one upsert, one insert of drafts); each output
	 * is paired with the item its prospect came from. A bad item fails alone under continueOnFail.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const action = operationOf<BatchAction>(this, {
			draft: draft.operations,
			prospect: prospect.operations,
		});
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		const fail = (error: unknown, item: number) => output.push(errorItem(this, error, item));
		// Items are grouped by campaign so one workflow can feed several campaigns at once.
		const byCampaign = new Map<string, Array<{ item: number; read: ItemProspects }>>();
		/** Items that are no prospect (continued past), kept on the record of their campaign's run. */
		const unreadable = new Map<string, Array<{ where: string; error: string }>>();
		for (let item = 0; item < items.length; item++) {
			let campaignId: string | undefined;
			try {
				campaignId = campaignIdOf(this, item);
				const read = await readProspects(this, item);
				byCampaign.set(campaignId, [...(byCampaign.get(campaignId) ?? []), { item, read }]);
			} catch (error) {
				fail(error, item);
				if (campaignId)
					unreadable.set(campaignId, [
						...(unreadable.get(campaignId) ?? []),
						{ where: `item ${item + 1}`, error: (error as Error).message },
					]);
			}
		}
		// Opened only when some item got this far: a run whose every item failed opens no store.
		const engine = byCampaign.size ? engineOnce(this) : null;
		for (const [campaignId, group] of byCampaign) {
			const owners = group.flatMap(({ item, read }) => read.prospects.map(() => item));
			const prospects = group.flatMap(({ read }) => read.prospects);
			try {
				const options = this.getNodeParameter('options', group[0].item, {}) as IDataObject;
				const skipped = [
					...(unreadable.get(campaignId) ?? []),
					...group.flatMap(({ read }) => read.rowErrors),
				];
				const results = await action(this, await engine!, campaignId, prospects, options, skipped);
				results.forEach((json, k) => output.push({ json, pairedItem: { item: owners[k] } }));
				for (const { item, read } of group) {
					for (const rowError of read.rowErrors) {
						output.push({ json: { ...rowError, skipped: true }, pairedItem: { item } });
					}
				}
			} catch (error) {
				for (const { item } of group) fail(error, item);
			}
		}
		return [output];
	}
}
