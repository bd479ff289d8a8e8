import { type IExecuteFunctions } from 'n8n-workflow';

export function text(ctx: IExecuteFunctions, name: string, i: number): string {
	return String(ctx.getNodeParameter(name, i, '') ?? '');
}
