import type { INodeProperties } from 'n8n-workflow';

/** The Limit of a list: 50 by default, as n8n's own "Get Many" operations. */
export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
};

/** n8n's pair for a "Get Many" operation: Return All, else a Limit. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{ ...limitProperty, displayOptions: { show: { returnAll: [false] } } },
];
