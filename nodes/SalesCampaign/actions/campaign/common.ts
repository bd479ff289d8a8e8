import type { IExecuteFunctions } from 'n8n-workflow';

/** A text parameter of item i, empty when unset (an expression may give null). */
export function text(ctx: IExecuteFunctions, name: string, i: number): string {
	return String(ctx.getNodeParameter(name, i, '') ?? '');
}
