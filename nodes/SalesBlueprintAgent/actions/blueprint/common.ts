import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BlueprintRecord, Engine } from '../../../engine';
import { WithBinary } from '../../../shared/runPerItem';

export const includeReport: INodeProperties = {
	displayName: 'Include Report',
	name: 'includeReport',
	type: 'boolean',
	default: true,
	description:
		'Whether to attach the human-readable report as binary data: HTML with charts ("report") and Markdown ("reportMarkdown")',
};

/**
 * The Blueprint as an output item (`synthesis.path` says which path ran); the inputs snapshot only
 * when asked, as it is large.
 */
export function view(b: BlueprintRecord, includeInputs: boolean): IDataObject {
	return {
		campaignId: b.campaignId,
		version: b.version,
		status: b.status,
		contentHash: b.contentHash,
		createdAt: b.createdAt,
		...(b.body as unknown as IDataObject),
		...(includeInputs ? { inputs: b.inputs as unknown as IDataObject } : {}),
		reportKeys: b.report as IDataObject,
		...(b.reused ? { reused: true } : {}),
	};
}

/** The report files (HTML with charts, Markdown) as n8n binary data. */
export async function withReport(
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

export async function output(
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
