import type { IExecuteFunctions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { type GraphGet, type IngestItem, outlookMessages } from '../../engine';
import { oauth2Credential } from '../../shared/oauth2Credential';
import { dateParameter, limitParameter } from './parameters';

const CREDENTIAL = 'microsoftOutlookOAuth2Api';

/**
 * Graph GETs through n8n's request helper for the Outlook credential, so an expired access token
 * is refreshed (and saved) by n8n as its own Outlook node does. Every status but 401 comes back to
 * the engine, which handles throttling and names errors; a 401 is n8n's cue to refresh and retry.
 */
function graphThroughN8n(ctx: IExecuteFunctions): GraphGet {
	return async (url, accept) => {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, {
				method: 'GET',
				url,
				headers: { accept },
				encoding: 'arraybuffer',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: { ignore: true, except: [401] },
			})) as IN8nHttpFullResponse;
			const retryAfter = response.headers['retry-after'];
			return {
				status: response.statusCode,
				retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
				body: Buffer.from(response.body as ArrayBuffer),
			};
		} catch (error) {
			const failed = error as {
				httpCode?: string | null;
				failure?: { cause?: string };
				cause?: { name?: string };
				description?: string;
				message: string;
			};
			// A 401 that a refresh did not cure, or a refresh the token endpoint refused (n8n then asks
			// for the credential to be reconnected): both mean the credential no longer gives access.
			const refused =
				failed.failure?.cause === 'credential-invalid' ||
				failed.cause?.name === 'NodeOperationError';
			const status = refused ? 401 : Number(failed.httpCode);
			// Anything else never reached Graph; the engine reports it as unreachable.
			if (!status) throw new NodeApiError(ctx.getNode(), error as JsonObject);
			const message = [failed.message, failed.description].filter(Boolean).join(' ');
			return { status, body: Buffer.from(JSON.stringify({ error: { message } })) };
		}
	};
}

/** The Outlook folder named by the node, through Microsoft Graph with n8n's Outlook credential. */
export async function* outlookOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const { credential } = await oauth2Credential(ctx, CREDENTIAL, 'Microsoft Outlook', i);
	const baseUrl =
		(ctx.getNodeParameter('options.graphApiUrl', i, '') as string) ||
		(credential.graphApiBaseUrl as string | undefined) ||
		undefined;
	yield* outlookMessages({
		get: graphThroughN8n(ctx),
		folder: ctx.getNodeParameter('outlookFolder', i, 'sentitems') as string,
		// n8n's Outlook credential names a shared mailbox the same way its Outlook node reads it.
		mailbox: credential.useShared ? (credential.userPrincipalName as string) : undefined,
		since: dateParameter(ctx, 'outlookSince', i),
		filter: ctx.getNodeParameter('outlookFilter', i, '') as string,
		limit: limitParameter(ctx, 'outlookLimit', i),
		baseUrl,
	});
}
