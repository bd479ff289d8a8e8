import type { INodeProperties } from 'n8n-workflow';

/**
 * An operation's own properties, shown only for it: each keeps its other display conditions and
 * gains the resource and operation (n8n's `updateDisplayOptions`, which is not exported to us).
 */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((p) => ({
		...p,
		displayOptions: {
			...p.displayOptions,
			show: { ...p.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}
