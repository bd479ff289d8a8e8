import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	type BlueprintRecord,
	type ChatModel,
	diffBlueprints,
	type Engine,
	getBlueprint,
	type LearnFrom,
	listBlueprints,
	rollbackBlueprint,
	synthesizeBlueprint,
} from '../../engine';
import { actorOf } from '../../shared/actor';
import { campaignIdOf } from '../../shared/campaignLocator';
import { WithBinary } from '../../shared/runPerItem';

export type Action = (
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
	model: () => Promise<ChatModel | undefined>,
) => Promise<IDataObject | WithBinary | IDataObject[]>;

/**
 * The Blueprint as an output item (`synthesis.path` says which path ran); the inputs snapshot only
 * when asked, as it is large.
 */
function view(b: BlueprintRecord, includeInputs: boolean): IDataObject {
	return {
		campaignId: b.campaignId,
		version: b.version,
		status: b.status,
		contentHash: b.contentHash,
		createdAt: b.createdAt,
		...(b.body as unknown as IDataObject),
		...(includeInputs ? { inputs: b.inputs as unknown as IDataObject } : {}),
		reportKeys: b.report as IDataObject,
	};
}

/** The report files (HTML with charts, Markdown) as n8n binary data. */
async function withReport(
	ctx: IExecuteFunctions,
	engine: Engine,
	b: BlueprintRecord,
	json: IDataObject,
): Promise<WithBinary> {
	const name = `blueprint-v${b.version}`;
	const binary: IBinaryKeyData = {};
	if (b.report.htmlKey) {
		binary.report = await ctx.helpers.prepareBinaryData(
			await engine.objects.get(b.report.htmlKey),
			`${name}.html`,
			'text/html',
		);
	}
	if (b.report.markdownKey) {
		binary.reportMarkdown = await ctx.helpers.prepareBinaryData(
			await engine.objects.get(b.report.markdownKey),
			`${name}.md`,
			'text/markdown',
		);
	}
	return new WithBinary(json, binary);
}

async function output(
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
	b: BlueprintRecord,
	includeInputs: boolean,
) {
	const json = view(b, includeInputs);
	return ctx.getNodeParameter('includeReport', i, true)
		? await withReport(ctx, engine, b, json)
		: json;
}

const synthesize: Action = async (ctx, engine, i, model) => {
	const options = ctx.getNodeParameter('options', i, {}) as {
		learnFrom?: LearnFrom;
		since?: string;
		until?: string;
		minSample?: number;
		maxModelTries?: number;
		onModelUnavailable?: 'fallback' | 'stop';
		includeInputs?: boolean;
	};
	const b = await synthesizeBlueprint(engine, campaignIdOf(ctx, i), {
		learnFrom: options.learnFrom,
		window: { since: options.since || null, until: options.until || null },
		thresholds: options.minSample ? { minSample: options.minSample } : undefined,
		model: await model(),
		maxModelTries: options.maxModelTries,
		onModelUnavailable: options.onModelUnavailable,
		actor: actorOf(ctx),
	});
	return await output(ctx, engine, i, b, options.includeInputs ?? false);
};

const get: Action = async (ctx, engine, i) => {
	const version = ctx.getNodeParameter('version', i, 0) as number;
	const b = await getBlueprint(engine, campaignIdOf(ctx, i), version > 0 ? version : undefined);
	return await output(
		ctx,
		engine,
		i,
		b,
		ctx.getNodeParameter('includeInputs', i, false) as boolean,
	);
};

const list: Action = async (ctx, engine, i) =>
	(await listBlueprints(engine, campaignIdOf(ctx, i))) as unknown as IDataObject[];

const compare: Action = async (ctx, engine, i) =>
	(await diffBlueprints(
		engine,
		campaignIdOf(ctx, i),
		ctx.getNodeParameter('fromVersion', i) as number,
		ctx.getNodeParameter('toVersion', i) as number,
	)) as unknown as IDataObject;

const rollback: Action = async (ctx, engine, i) => {
	const result = await rollbackBlueprint(
		engine,
		campaignIdOf(ctx, i),
		ctx.getNodeParameter('version', i) as number,
		actorOf(ctx),
	);
	return {
		changed: result.changed,
		previousVersion: result.previousVersion,
		...view(result.blueprint, false),
	};
};

export const blueprintActions: Record<string, Action> = {
	synthesize,
	get,
	list,
	compare,
	rollback,
};
