import type { IExecuteFunctions } from 'n8n-workflow';

import { type ProspectInput, prospectFromRecord, prospectsFromCsv } from '../../engine';

/** One input item's prospects, or why that item (or some of its CSV rows) could not be used. */
export interface ItemProspects {
	prospects: ProspectInput[];
	/** CSV rows that were skipped, with their line and reason. */
	rowErrors: Array<{ row: number; error: string }>;
}

/** The prospects an input item holds: itself (items source) or the rows of its CSV file. */
export async function readProspects(ctx: IExecuteFunctions, i: number): Promise<ItemProspects> {
	const source = ctx.getNodeParameter('prospectSource', i, 'items') as 'items' | 'csv';
	if (source === 'items') {
		return {
			prospects: [prospectFromRecord(ctx.getInputData()[i].json, `Item ${i + 1}`)],
			rowErrors: [],
		};
	}
	const field = ctx.getNodeParameter('binaryPropertyName', i, 'data') as string;
	const binary = ctx.helpers.assertBinaryData(i, field);
	const csv = prospectsFromCsv(
		await ctx.helpers.getBinaryDataBuffer(i, field),
		binary.fileName ?? 'the CSV file',
	);
	return { prospects: csv.prospects.map((p) => p.prospect), rowErrors: csv.errors };
}
