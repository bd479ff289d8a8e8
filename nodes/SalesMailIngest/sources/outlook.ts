import type { IExecuteFunctions } from 'n8n-workflow';

import { type GraphGet, type IngestItem, outlookMessages } from '../../engine';
import { graphThroughN8n } from '../../shared/graphThroughN8n';
import { oauth2Credential } from '../../shared/oauth2Credential';
import { dateParameter, limitParameter } from './parameters';

const CREDENTIAL = 'microsoftOutlookOAuth2Api';

/** The Outlook folder named by the node, through Microsoft Graph with n8n's Outlook credential. */
export async function* outlookOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const { credential } = await oauth2Credential(ctx, CREDENTIAL, 'Microsoft Outlook', i);
	const baseUrl =
		(ctx.getNodeParameter('options.graphApiUrl', i, '') as string) ||
		(credential.graphApiBaseUrl as string | undefined) ||
		undefined;
	yield* outlookMessages({
		get: (url, accept): ReturnType<GraphGet> =>
			graphThroughN8n(ctx, { method: 'GET', url, headers: { accept } }),
		folder: ctx.getNodeParameter('outlookFolder', i, 'sentitems') as string,
		// n8n's Outlook credential names a shared mailbox the same way its Outlook node reads it.
		mailbox: credential.useShared ? (credential.userPrincipalName as string) : undefined,
		since: dateParameter(ctx, 'outlookSince', i),
		filter: ctx.getNodeParameter('outlookFilter', i, '') as string,
		limit: limitParameter(ctx, 'outlookLimit', i),
		baseUrl,
	});
}
