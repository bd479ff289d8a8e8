import type { IExecuteFunctions } from 'n8n-workflow';

import { gmailMessages, type IngestItem } from '../../engine';
import { gmailAccess } from '../../shared/gmailAccess';
import { limitParameter } from './parameters';

/** The Gmail search named by the node, with n8n's Gmail OAuth2 credential. */
export async function* gmailOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	yield* gmailMessages({
		...(await gmailAccess(ctx, i)),
		query: ctx.getNodeParameter('gmailQuery', i, '') as string,
		limit: limitParameter(ctx, 'gmailLimit', i),
		rootUrl: (ctx.getNodeParameter('options.gmailApiUrl', i, '') as string) || undefined,
	});
}
