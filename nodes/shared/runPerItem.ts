import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeOperationError,
} from 'n8n-workflow';

import { toNodeError } from './toNodeError';

/** An output item that carries files (reports) besides its JSON. */
export class WithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/**
 * An output item for n8n's error output beside a result (one failed entry of a run that went on,
 * such as one message of an ingest); returned only under "Continue (using error output)".
 */
export class FailedEntry {
	constructor(
		readonly json: IDataObject,
		readonly error: NodeOperationError,
	) {}
}

type Output = IDataObject | WithBinary | FailedEntry;
type Result = Output | Output[];

/**
 * The loop every sales-engine node runs: one call per input item, every output paired with the item
 * it came from, and `continueOnFail` turning a failure into an error item instead of stopping.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	fn: (itemIndex: number) => Promise<Result>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		output.push(...(await attempt(ctx, itemIndex, { item: itemIndex }, () => fn(itemIndex))));
	}
	return [output];
}

/**
 * For operations that take all input items as one batch (e.g. emails as items): one call, its
 * output paired with every input item; failures handled as in `runPerItem`.
 */
export async function runForAll(
	ctx: IExecuteFunctions,
	fn: () => Promise<Result>,
): Promise<INodeExecutionData[][]> {
	const pairedItem = ctx.getInputData().map((_, item) => ({ item }));
	return [await attempt(ctx, 0, pairedItem, fn)];
}

/**
 * For batch operations whose items fall into groups (emails of different competitors): one call
 * per group, its output paired with the group's items; failures handled as in `runPerItem`.
 */
export async function runForGroups(
	ctx: IExecuteFunctions,
	groups: number[][],
	fn: (group: number[]) => Promise<Result>,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	for (const group of groups) {
		const pairedItem = group.map((item) => ({ item }));
		output.push(...(await attempt(ctx, group[0], pairedItem, () => fn(group))));
	}
	return [output];
}

async function attempt(
	ctx: IExecuteFunctions,
	itemIndex: number,
	pairedItem: INodeExecutionData['pairedItem'],
	fn: () => Promise<Result>,
): Promise<INodeExecutionData[]> {
	try {
		const result = await fn();
		return (Array.isArray(result) ? result : [result]).map((out) =>
			out instanceof WithBinary
				? { json: out.json, binary: out.binary, pairedItem }
				: out instanceof FailedEntry
					? { json: out.json, error: out.error, pairedItem }
					: { json: out, pairedItem },
		);
	} catch (error) {
		return [errorItem(ctx, error, itemIndex, pairedItem)];
	}
}

/**
 * The item a failure becomes under `continueOnFail` (or the n8n error it throws otherwise), for
 * every node, including those that run their own loop: under "On Error: Continue (using error
 * output)" n8n routes an item by its `error`; under plain "Continue" the item stays as it is (n8n
 * would otherwise reduce its JSON to the message).
 */
export function errorItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	pairedItem: INodeExecutionData['pairedItem'] = { item: itemIndex },
): INodeExecutionData {
	const nodeError = toNodeError(ctx.getNode(), error, itemIndex);
	if (!ctx.continueOnFail()) throw nodeError;
	const json = { error: nodeError.message, description: nodeError.description ?? null };
	const routed = ctx.getNode().onError === 'continueErrorOutput';
	return routed ? { json, error: nodeError, pairedItem } : { json, pairedItem };
}
