import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { approvalSummaryPage } from '../../../engine';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('draft', 'summary', [
	{
		displayName: 'Campaign ID',
		name: 'summaryCampaignId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.query.campaign }}',
		description:
			'The campaign whose approval summary to show; one that does not exist gets a page that says so',
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const page = await approvalSummaryPage(
		engine,
		String(ctx.getNodeParameter('summaryCampaignId', i, '')).trim(),
	);
	return { ...page.summary, found: page.found, html: page.html } as unknown as IDataObject;
};
