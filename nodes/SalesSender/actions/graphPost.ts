import type { IExecuteFunctions } from 'n8n-workflow';

import type { GraphPost } from '../../engine';
import { graphThroughN8n } from '../../shared/graphThroughN8n';

/** Graph POSTs (sendMail) with n8n's Outlook credential; tokens refresh as in its Outlook node. */
export const graphPostThroughN8n =
	(ctx: IExecuteFunctions): GraphPost =>
	(url, body, contentType, timeout) =>
		graphThroughN8n(ctx, {
			method: 'POST',
			url,
			headers: { 'content-type': contentType },
			body,
			timeout,
		});
