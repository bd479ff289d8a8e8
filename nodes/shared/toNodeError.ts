import { type INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isEngineError } from '../engine';

/**
 * One way to turn anything an engine call throws into an n8n error that names the item: engine
 * errors keep their message and advice; anything unexpected keeps its message, never a bare stack.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (isEngineError(error)) {
		const nodeError = new NodeOperationError(node, error.message, {
			itemIndex,
			description: error.description,
		});
		// n8n swaps a message that mentions ECONNREFUSED, ENOENT… for a generic sentence ("The service
		// refused the connection"); the engine's message already says which server and what to do.
		nodeError.message = error.message;
		return nodeError;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message || 'Unexpected error', { itemIndex });
}
