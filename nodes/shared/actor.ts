import type { IExecuteFunctions } from 'n8n-workflow';

/** Who did it, for the audit trail: the workflow and execution that ran the node. */
export function actorOf(ctx: IExecuteFunctions): string {
	const workflow = ctx.getWorkflow();
	return `n8n:workflow=${workflow.id ?? '?'}:execution=${ctx.getExecutionId() ?? '?'}`;
}

/** A person named by the workflow (a form's reviewer field), with the run that carried it out. */
export function personOf(ctx: IExecuteFunctions, person: string): string {
	const name = person.trim().slice(0, 200);
	return name ? `${name} (${actorOf(ctx)})` : actorOf(ctx);
}
