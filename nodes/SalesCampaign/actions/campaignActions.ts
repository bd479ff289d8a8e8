import { type IDataObject, type IExecuteFunctions, jsonParse } from 'n8n-workflow';

import {
	cancelCampaign,
	type CompanyRef,
	createCampaign,
	type Engine,
	getCampaignStatus,
	invalidInput,
	listCampaigns,
	parseCompetitorList,
} from '../../engine';
import { actorOf } from '../../shared/actor';
import { campaignIdOf } from '../../shared/campaignLocator';

export type Action = (
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
) => Promise<IDataObject | IDataObject[]>;

function text(ctx: IExecuteFunctions, name: string, i: number): string {
	return String(ctx.getNodeParameter(name, i, '') ?? '');
}

function settingsOf(value: unknown): Record<string, unknown> {
	if (value === undefined || value === '') return {};
	if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
	try {
		return jsonParse<Record<string, unknown>>(String(value));
	} catch (error) {
		throw invalidInput(`Settings (JSON) is not valid JSON: ${(error as Error).message}`);
	}
}

/** The one Competitors field: its text, or a list of {name, website} given by an expression. */
function competitorsOf(value: unknown): CompanyRef[] {
	if (value === undefined || value === null || value === '') return [];
	if (typeof value === 'string') return parseCompetitorList(value);
	const list = Array.isArray(value) ? value : [value];
	return list.flatMap((entry) => {
		if (typeof entry === 'string') return parseCompetitorList(entry);
		if (typeof entry === 'object' && entry && typeof (entry as CompanyRef).name === 'string')
			return [entry as CompanyRef];
		throw invalidInput(
			`Competitors: expected a text such as "Globex | globex.com" or {name, website} objects, got ${JSON.stringify(entry).slice(0, 80)}`,
		);
	});
}

const create: Action = async (ctx, engine, i) => {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const campaign = await createCampaign(
		engine,
		{
			name: options.name as string | undefined,
			brand: { name: text(ctx, 'brandName', i), website: text(ctx, 'brandWebsite', i) },
			competitors: competitorsOf(ctx.getNodeParameter('competitors', i, '')),
			additionalContext: text(ctx, 'additionalContext', i),
			sender: {
				name: text(ctx, 'senderName', i),
				email: text(ctx, 'senderEmail', i),
				replyTo: options.replyTo as string | undefined,
				postalAddress: text(ctx, 'postalAddress', i),
			},
			settings: settingsOf(options.settings),
			idempotencyKey: options.idempotencyKey as string | undefined,
		},
		actorOf(ctx),
	);
	return { ...campaign } as unknown as IDataObject;
};

const get: Action = async (ctx, engine, i) => {
	const report = await getCampaignStatus(engine, campaignIdOf(ctx, i));
	const { campaign, ...counts } = report;
	return {
		id: campaign.id,
		name: campaign.name,
		status: campaign.status,
		...counts,
		campaign,
	} as unknown as IDataObject;
};

const getAll: Action = async (ctx, engine, i) => {
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const campaigns = await listCampaigns(engine, {
		status: filters.status as never,
		search: filters.search as string | undefined,
		limit: returnAll ? undefined : (ctx.getNodeParameter('limit', i, 50) as number),
	});
	return campaigns as unknown as IDataObject[];
};

const cancel: Action = async (ctx, engine, i) => {
	const result = await cancelCampaign(engine, campaignIdOf(ctx, i), {
		reason: text(ctx, 'reason', i) || undefined,
		actor: actorOf(ctx),
	});
	return {
		...result.campaign,
		alreadyCancelled: result.alreadyCancelled,
		cancelledDrafts: result.cancelledDrafts,
	} as unknown as IDataObject;
};

export const campaignActions: Record<string, Action> = { create, get, getAll, cancel };
