import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import { listCampaigns } from '../engine';
import { engineFor } from './storeCredential';

/** The campaign picker: from a searchable list, or an ID (usually an expression such as {{ $json.id }}). */
export const campaignLocator: INodeProperties = {
	displayName: 'Campaign',
	name: 'campaignId',
	type: 'resourceLocator',
	description:
		'The campaign to work on: pick it from the list, or give its ID (usually by an expression)',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 0b6c7f3e-2a41-4c1b-9d1e-6f0d3c2b1a90',
		},
	],
};

/** The list the locator's "From List" mode shows: newest campaigns first, filtered by the search. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const engine = await engineFor(this);
	const campaigns = await listCampaigns(engine, { search: filter, limit: 100 });
	return { results: campaigns.map((c) => ({ name: `${c.name} (${c.status})`, value: c.id })) };
}

export function campaignIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return String(ctx.getNodeParameter('campaignId', itemIndex, '', { extractValue: true }) ?? '');
}
