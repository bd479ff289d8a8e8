import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { approveDrafts, type DraftStatus, editDraft, listDrafts, rejectDrafts } from '../../engine';
import { actorOf } from '../../shared/actor';
import { campaignIdOf } from '../../shared/campaignLocator';
import type { Action } from './campaignActions';

/** IDs from a comma-separated string or a list (an expression such as {{ $json.ids }}). */
function idsOf(ctx: IExecuteFunctions, i: number): string[] {
	const value = ctx.getNodeParameter('draftIds', i, '') as unknown;
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list.map((id) => String(id).trim()).filter(Boolean);
}

const reviewer = (ctx: IExecuteFunctions, i: number) =>
	(ctx.getNodeParameter('reviewer', i, '') as string).trim() || actorOf(ctx);

const review: Action = async (ctx, engine, i) => {
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

const approve: Action = async (ctx, engine, i) => {
	const by = ctx.getNodeParameter('approveBy', i, 'ids') as 'ids' | 'prospect' | 'allPassing';
	const result = await approveDrafts(
		engine,
		campaignIdOf(ctx, i),
		by === 'ids'
			? { draftIds: idsOf(ctx, i) }
			: by === 'prospect'
				? { prospectId: (ctx.getNodeParameter('prospectId', i) as string).trim() }
				: { allPassing: true },
		reviewer(ctx, i),
	);
	return result as unknown as IDataObject;
};

const reject: Action = async (ctx, engine, i) =>
	(await rejectDrafts(
		engine,
		campaignIdOf(ctx, i),
		{ draftIds: idsOf(ctx, i) },
		ctx.getNodeParameter('reason', i) as string,
		reviewer(ctx, i),
	)) as unknown as IDataObject;

const edit: Action = async (ctx, engine, i) => {
	const subject = (ctx.getNodeParameter('subject', i, '') as string) || undefined;
	const bodyText = (ctx.getNodeParameter('bodyText', i, '') as string) || undefined;
	return (await editDraft(
		engine,
		campaignIdOf(ctx, i),
		(ctx.getNodeParameter('draftId', i) as string).trim(),
		{ subject, bodyText },
		reviewer(ctx, i),
	)) as unknown as IDataObject;
};

export const draftActions: Record<string, Action> = { review, approve, reject, edit };
