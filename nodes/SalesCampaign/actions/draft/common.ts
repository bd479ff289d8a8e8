import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { actorOf } from '../../../shared/actor';

export const draftIds: INodeProperties = {
	displayName: 'Draft IDs',
	name: 'draftIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 3f0c…, 9a1b… or {{ $json.draftIds }}',
	description: 'Comma-separated draft IDs, or an expression giving a list',
};

/** IDs from a comma-separated string or a list (an expression such as {{ $json.ids }}). */
export function idsOf(ctx: IExecuteFunctions, i: number): string[] {
	const value = ctx.getNodeParameter('draftIds', i, '') as unknown;
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list.map((id) => String(id).trim()).filter(Boolean);
}

export const reviewer = (ctx: IExecuteFunctions, i: number) =>
	(ctx.getNodeParameter('reviewer', i, '') as string).trim() || actorOf(ctx);

/** Who decides, kept in the audit trail with every approval, rejection and edit. */
export const reviewerProperty: INodeProperties = {
	displayName: 'Reviewer',
	name: 'reviewer',
	type: 'string',
	default: '',
	placeholder: 'e.g. jane@northwind.com',
	description: 'Who decides, for the audit trail; defaults to this workflow and execution',
};
