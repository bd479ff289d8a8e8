import type { IExecuteFunctions } from 'n8n-workflow';

import { type IngestItem, imapMessages } from '../../engine';
import { dateParameter, limitParameter } from './parameters';

/** The IMAP folder named by the node, read with n8n's IMAP credential. */
export async function* imapOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const credential = await ctx.getCredentials('imap', i);
	yield* imapMessages({
		host: String(credential.host),
		port: Number(credential.port) || 993,
		secure: credential.secure !== false,
		user: String(credential.user),
		password: String(credential.password),
		allowUnauthorizedCerts: credential.allowUnauthorizedCerts === true,
		folder: ctx.getNodeParameter('imapFolder', i, 'INBOX') as string,
		since: dateParameter(ctx, 'imapSince', i),
		limit: limitParameter(ctx, 'imapLimit', i),
	});
}
