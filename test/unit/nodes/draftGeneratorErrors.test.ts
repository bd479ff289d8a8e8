import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { SalesDraftGenerator } from '../../../nodes/SalesDraftGenerator/SalesDraftGenerator.node';

/** A minimal IExecuteFunctions: one bad prospect item, the node's "On Error" setting. */
function context(onError: INode['onError'], continueOnFail = true): IExecuteFunctions {
	const params: Record<string, unknown> = {
		resource: 'draft',
		operation: 'generate',
		prospectSource: 'items',
	};
	const node = {
		id: 'n1',
		name: 'Generate drafts',
		type: 'n8n-nodes-sales-engine.salesDraftGenerator',
		typeVersion: 1,
		position: [0, 0],
		parameters: params,
		onError,
	} as INode;
	return {
		getNode: () => node,
		getInputData: () => [{ json: { email: 'not an address', first_name: 'Ana' } }],
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => params[name] ?? fallback,
		continueOnFail: () => continueOnFail,
	} as unknown as IExecuteFunctions;
}

const run = (ctx: IExecuteFunctions) =>
	new SalesDraftGenerator().execute.call(ctx) as Promise<INodeExecutionData[][]>;

describe('Sales Draft Generator: failed items', () => {
	it('reach the error output under "continue (using error output)", paired with their item', async () => {
		const [items] = await run(context('continueErrorOutput'));
		expect(items).toHaveLength(1);
		expect(items[0].error).toBeDefined();
		expect(items[0].json.error).toMatch(/email/i);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('stay plain items under "continue", and stop the node as an n8n error otherwise', async () => {
		const [items] = await run(context('continueRegularOutput'));
		expect(items[0].error).toBeUndefined();
		expect(items[0].json.error).toMatch(/email/i);
		await expect(run(context('stopWorkflow', false))).rejects.toMatchObject({
			name: 'NodeOperationError',
		});
	});
});
