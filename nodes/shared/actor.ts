import type { IExecuteFunctions } from 'n8n-workflow';

/** Who did it, for the audit trail: the workflow and execution that ran the node. */
export function actorOf(ctx: IExecuteFunctions): string {
	const workflow = ctx.getWorkflow();
	return `n8n:workflow=${workflow.id ?? '?'}:execution=${ctx.getExecutionId() ?? '?'}`;
}
