import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { applyDecision, type PageDraft } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { reviewer, reviewerProperty } from './common';

export const description: INodeProperties[] = forOperation('draft', 'decide', [
	campaignLocator,
	{
		displayName: 'Page Drafts',
		name: 'listing',
		type: 'json',
		default: '[]',
		required: true,
		description:
			"The numbered drafts the page showed, as JSON: the drafts field of Get Approval Page's output",
	},
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'string',
		default: 'Approve all passing drafts',
		description:
			"Approve all passing drafts, Approve only the drafts listed, or Reject all drafts (the answer of the page's dropdown)",
	},
	{
		displayName: 'Approve',
		name: 'approve',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1, 4-6',
		description: 'Draft numbers or IDs to approve (for "Approve only the drafts listed")',
	},
	{
		displayName: 'Reject',
		name: 'reject',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2, 7',
		description: 'Draft numbers or IDs to reject, whatever the decision',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		description: 'Why drafts are rejected, kept with them',
	},
	reviewerProperty,
]);

/** Page drafts from the parameter: a list, or its JSON text. */
function listingOf(value: unknown): PageDraft[] {
	if (Array.isArray(value)) return value as PageDraft[];
	try {
		const parsed = JSON.parse(String(value ?? '[]')) as unknown;
		return Array.isArray(parsed) ? (parsed as PageDraft[]) : [];
	} catch {
		return [];
	}
}

export const execute: Action = async (ctx, engine, i) => {
	const result = await applyDecision(
		engine,
		campaignIdOf(ctx, i),
		{
			decision: ctx.getNodeParameter('decision', i, '') as string,
			approve: ctx.getNodeParameter('approve', i, '') as unknown,
			reject: ctx.getNodeParameter('reject', i, '') as unknown,
			reason: ctx.getNodeParameter('reason', i, '') as unknown,
			listing: listingOf(ctx.getNodeParameter('listing', i, '[]')),
		},
		reviewer(ctx, i),
	);
	if (result.notDone.length)
		ctx.addExecutionHints?.({
			message: `${result.notDone.length} of the decision's drafts or numbers did not change: ${result.notDone
				.slice(0, 3)
				.map((x) => `${x.number ? `draft ${x.number}` : x.ref}: ${x.reason}`)
				.join('; ')}`,
			type: 'warning',
			location: 'outputPane',
		});
	return result as unknown as IDataObject;
};
