import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { approvalPage } from '../../../engine';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('draft', 'approvalPage', [
	campaignLocator,
	{
		displayName: 'Continued Campaign',
		name: 'continued',
		type: 'boolean',
		default: false,
		description:
			'Whether this submission reused a campaign that was already active (the page says so)',
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const page = await approvalPage(engine, campaignIdOf(ctx, i), {
		continued: ctx.getNodeParameter('continued', i, false) as boolean,
	});
	// What went wrong upstream is on the page; the canvas says so too.
	if (page.notes.length)
		ctx.addExecutionHints?.({
			message: `Before you approve: ${page.notes.map((n) => n.message).join('; ')}`,
			type: 'warning',
			location: 'outputPane',
		});
	return page as unknown as IDataObject;
};
