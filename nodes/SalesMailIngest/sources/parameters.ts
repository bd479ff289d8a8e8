import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DateOrder, TextFileOptions } from '../../engine';

/** A dateTime parameter as a Date; empty means no bound. */
export function dateParameter(ctx: IExecuteFunctions, name: string, i: number): Date | undefined {
	const value = ctx.getNodeParameter(name, i, '') as string;
	if (!value) return undefined;
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) {
		throw new NodeOperationError(ctx.getNode(), `"${value}" is not a date`, {
			itemIndex: i,
			description: 'Use a date such as 2026-01-31 or leave the field empty.',
		});
	}
	return date;
}

/** A limit parameter; 0 (or less) means all. */
export function limitParameter(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
): number | undefined {
	const limit = ctx.getNodeParameter(name, i, 0) as number;
	return limit > 0 ? limit : undefined;
}

/** How CSV, JSON and item fields are read: the charset, day/month order and zone of their dates. */
export function readingOptions(ctx: IExecuteFunctions, i: number): TextFileOptions {
	return {
		charset: (ctx.getNodeParameter('options.charset', i, 'auto') as string) || 'auto',
		dates: {
			order: ctx.getNodeParameter('options.dateOrder', i, 'auto') as DateOrder,
			zone: ctx.getTimezone(),
		},
	};
}
