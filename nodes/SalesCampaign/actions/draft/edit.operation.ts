import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { editDraft } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { reviewer, reviewerProperty } from './common';

export const description: INodeProperties[] = forOperation('draft', 'edit', [
	campaignLocator,
	{
		displayName: 'Draft ID',
		name: 'draftId',
		description: 'The draft to change (its ID in Review Drafts); its lint is re-run after the edit',
		type: 'string',
		default: '',
		required: true,
	},
	{
		displayName: 'New Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'Leave empty to keep the subject',
	},
	{
		displayName: 'New Body',
		name: 'bodyText',
		type: 'string',
		default: '',
		typeOptions: { rows: 8 },
		description: 'Plain text; leave empty to keep the body',
	},
	reviewerProperty,
]);

export const execute: Action = async (ctx, engine, i) => {
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
