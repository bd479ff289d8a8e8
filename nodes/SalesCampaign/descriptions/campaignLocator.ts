import type { INodeProperties } from 'n8n-workflow';

/** The campaign picker: from a searchable list, or an ID (usually an expression such as {{ $json.id }}). */
export const campaignLocator: INodeProperties = {
	displayName: 'Campaign',
	name: 'campaignId',
	type: 'resourceLocator',
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
