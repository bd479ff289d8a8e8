import type { IExecuteFunctions } from 'n8n-workflow';

import { gmailMessages, type IngestItem } from '../../engine';
import { oauth2Credential } from '../../shared/oauth2Credential';
import { limitParameter } from './parameters';

/** The Gmail search named by the node, with n8n's Gmail OAuth2 credential. */
export async function* gmailOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const { credential, accessToken, refreshToken } = await oauth2Credential(
		ctx,
		'gmailOAuth2',
		'Gmail OAuth2',
		i,
	);
	yield* gmailMessages({
		accessToken,
		refreshToken,
		clientId: credential.clientId as string | undefined,
		clientSecret: credential.clientSecret as string | undefined,
		query: ctx.getNodeParameter('gmailQuery', i, '') as string,
		limit: limitParameter(ctx, 'gmailLimit', i),
		rootUrl: (ctx.getNodeParameter('options.gmailApiUrl', i, '') as string) || undefined,
	});
}
