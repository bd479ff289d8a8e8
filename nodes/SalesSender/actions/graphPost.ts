import type { IExecuteFunctions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { GraphPost } from '../../engine';

const CREDENTIAL = 'microsoftOutlookOAuth2Api';

/**
 * Graph POSTs (sendMail) through n8n's request helper for the Outlook credential, so an expired
 * token is refreshed by n8n as its own Outlook node does. Every status but 401 comes back to the
 * provider, which classifies it; a 401 that a refresh did not cure comes back as 401 (permanent:
 * the credential no longer gives access). Any other failure is thrown as it came, with its network
 * code where n8n kept it: the provider counts a request without an answer as possibly sent.
 */
export function graphPostThroughN8n(ctx: IExecuteFunctions): GraphPost {
	return async (url, body, contentType, timeoutMs) => {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, {
				method: 'POST',
				url,
				body,
				headers: { 'content-type': contentType },
				json: false,
				timeout: timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: { ignore: true, except: [401] },
			})) as IN8nHttpFullResponse;
			const retryAfter = response.headers['retry-after'];
			return {
				status: response.statusCode,
				retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
				body: Buffer.from(String(response.body ?? '')),
			};
		} catch (error) {
			const failed = error as {
				httpCode?: string | null;
				failure?: { cause?: string };
				cause?: { name?: string };
				description?: string;
				message: string;
			};
			const refused =
				failed.failure?.cause === 'credential-invalid' ||
				failed.cause?.name === 'NodeOperationError' ||
				failed.httpCode === '401';
			// NodeApiError keeps the failure as its cause, with the network code the provider reads.
			if (!refused) throw new NodeApiError(ctx.getNode(), error as JsonObject);
			const message = [failed.message, failed.description].filter(Boolean).join(' ');
			return {
				status: 401,
				body: Buffer.from(JSON.stringify({ error: { code: 'Unauthorized', message } })),
			};
		}
	};
}
