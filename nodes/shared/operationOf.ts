import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

/** A node's operations by resource, as its `<Resource>.resource.ts` files list them. */
export type Operations<T> = Record<string, Record<string, { execute: T }>>;

/** The `execute` of the node's chosen resource and operation, or n8n's error naming the pair. */
export function operationOf<T>(ctx: IExecuteFunctions, resources: Operations<T>): T {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const execute = resources[resource]?.[operation]?.execute;
	if (!execute)
		throw new NodeOperationError(
			ctx.getNode(),
			`Unsupported operation "${resource}: ${operation}"`,
		);
	return execute;
}
