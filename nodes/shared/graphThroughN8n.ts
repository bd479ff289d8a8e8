import type { IExecuteFunctions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { GraphReply } from '../engine';

const CREDENTIAL = 'microsoftOutlookOAuth2Api';

/**
 * One Microsoft Graph request through n8n's request helper for the Outlook credential, so an
 * expired access token is refreshed (and saved) by n8n as its own Outlook node does. Every status
 * but 401 comes back as an answer for the engine to classify; a 401 is n8n's cue to refresh and
 * retry, and one that a refresh did not cure comes back as 401. A request that got no answer is
 * thrown as a NodeApiError (its cause keeps the network code).
 */
export async function graphThroughN8n(
	ctx: IExecuteFunctions,
	request: {
		method: 'GET' | 'POST';
		url: string;
		headers: Record<string, string>;
		body?: string;
		timeout?: number;
	},
): Promise<GraphReply> {
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, {
			...request,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
		})) as IN8nHttpFullResponse;
		const retryAfter = response.headers['retry-after'];
		return {
			status: response.statusCode,
			retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
			body: Buffer.from((response.body as ArrayBuffer | undefined) ?? new ArrayBuffer(0)),
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
			failed.failure?.cause === 'credential-invalid' || failed.cause?.name === 'NodeOperationError';
		const status = refused ? 401 : Number(failed.httpCode);
		if (!status) throw new NodeApiError(ctx.getNode(), error as JsonObject);
		const message = [failed.message, failed.description].filter(Boolean).join(' ');
		return { status, body: Buffer.from(JSON.stringify({ error: { message } })) };
	}
}
