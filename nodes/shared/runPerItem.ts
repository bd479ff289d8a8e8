import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from './toNodeError';

/**
 * The loop every sales-engine node runs: one call per input item, every output paired with the item
 * it came from, and `continueOnFail` turning a failure into an error item instead of stopping.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	fn: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await fn(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = toNodeError(ctx.getNode(), error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			output.push({
				json: { error: nodeError.message, description: nodeError.description ?? null },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [output];
}
