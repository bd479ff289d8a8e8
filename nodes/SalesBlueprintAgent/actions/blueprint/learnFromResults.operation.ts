import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { learnFromResults } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { includeReport, withReport } from './common';

export const description: INodeProperties[] = forOperation('blueprint', 'learnFromResults', [
	{
		...campaignLocator,
	},
	{ ...includeReport },
]);

/**
 * A proposed version with a do or a don't per credible difference in the campaign's results, the
 * diff against the active version and the evidence; or why nothing was proposed.
 */
export const execute: Action = async (ctx, engine, i) => {
	const result = await learnFromResults(engine, campaignIdOf(ctx, i), actorOf(ctx));
	if (!result.created || !result.blueprint) {
		return {
			created: false,
			reason: result.reason,
			look: result.look as unknown as IDataObject,
			results: result.summary as unknown as IDataObject,
		};
	}
	const b = result.blueprint;
	const json: IDataObject = {
		created: true,
		campaignId: b.campaignId,
		version: b.version,
		status: b.status,
		fromVersion: b.body.results?.fromVersion,
		learned: [...b.body.dos, ...b.body.donts].filter((r) =>
			r.id.startsWith('results.'),
		) as unknown as IDataObject[],
		diff: result.diff as unknown as IDataObject,
		look: result.look as unknown as IDataObject,
		results: result.summary as unknown as IDataObject,
		next: `Version ${b.version} waits as proposed (campaign status shows it): review it (and its report), then make it active with Activate Version ${b.version}. Approved drafts are never changed by it.`,
		proposal: `Blueprint proposal waiting: version ${b.version} of campaign ${b.campaignId}. ${[
			...b.body.dos,
			...b.body.donts,
		]
			.filter((r) => r.id.startsWith('results.'))
			.map((r) => r.text)
			.join(' ')}`,
		reportKeys: b.report as IDataObject,
	};
	return ctx.getNodeParameter('includeReport', i, true)
		? await withReport(ctx, engine, b, json)
		: json;
};
