import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type ProspectInput, prospectFromRecord, prospectsFromCsv } from '../../engine';
import { campaignLocator } from '../../shared/campaignLocator';

/** Where both operations take their prospects from: input items, or a CSV file per item. */
export const prospectInputProperties: INodeProperties[] = [
	campaignLocator,
	{
		displayName: 'Prospects From',
		name: 'prospectSource',
		description: 'Where the prospects come from: one per input item, or the rows of a CSV file',
		type: 'options',
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description:
					'Each item is a prospect: email, first name, last name, company, title, website, timezone; other fields are kept as signals',
			},
			{
				name: 'CSV File',
				value: 'csv',
				description: 'A CSV file in binary data, one prospect per row, with a header row',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { prospectSource: ['csv'] } },
		description: 'The binary field holding the CSV file',
	},
];

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
