import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { type DraftStatus, listDrafts } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import { limitProperty } from '../../../shared/listProperties';
import type { Action } from '../types';

/**
 * What n8n shows above the output when a review has nothing a person can approve, so such a run
 * never ends silently green.
 */
function reviewHint(statuses: DraftStatus[]): string | undefined {
	if (!statuses.length)
		return 'No drafts match: nothing waits for a decision. If drafts were just generated, their output says why each prospect got none (an invalid row, or a sequence it already has).';
	if (statuses.every((s) => s === 'needs_edit'))
		return `${statuses.length === 1 ? 'The one draft does not pass' : `None of the ${statuses.length} drafts passes`} the Blueprint: nothing can be approved as it is. Edit them (Draft, Edit) or add campaign context and generate again; each draft's lint lists the rules it breaks.`;
	return undefined;
}

export const description: INodeProperties[] = forOperation('draft', 'review', [
	campaignLocator,
	{
		displayName: 'Filters',
		name: 'draftFilters',
		description: 'Narrow the drafts listed for review',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Prospect ID',
				name: 'prospectId',
				description: "Only this prospect's drafts",
				type: 'string',
				default: '',
			},
			{
				displayName: 'Status',
				name: 'status',
				description:
					'Only drafts in this state; by default every draft still to decide (needs edit first)',
				type: 'multiOptions',
				options: [
					{ name: 'Approved', value: 'approved' },
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Needs Edit', value: 'needs_edit' },
					{ name: 'Pending Approval', value: 'pending_approval' },
					{ name: 'Rejected', value: 'rejected' },
					{ name: 'Sent', value: 'sent' },
				],
				default: [],
			},
		],
	},
	limitProperty,
]);

export const execute: Action = async (ctx, engine, i) => {
	const filters = ctx.getNodeParameter('draftFilters', i, {}) as {
		status?: DraftStatus[] | DraftStatus;
		prospectId?: string;
	};
	const drafts = await listDrafts(engine, campaignIdOf(ctx, i), {
		// One status by expression or from a hand-written workflow arrives as a string.
		status: filters.status ? ([] as DraftStatus[]).concat(filters.status) : undefined,
		prospectId: filters.prospectId || undefined,
		limit: ctx.getNodeParameter('limit', i, 50) as number,
	});
	const hint = reviewHint(drafts.map((d) => d.status));
	if (hint) ctx.addExecutionHints?.({ message: hint, type: 'warning', location: 'outputPane' });
	return drafts as unknown as IDataObject[];
};
