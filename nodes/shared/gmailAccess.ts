import type { IExecuteFunctions } from 'n8n-workflow';

import { oauth2Credential } from './oauth2Credential';

/** What Google's client needs of n8n's Gmail OAuth2 credential to call, and to renew its token. */
export async function gmailAccess(
	ctx: IExecuteFunctions,
	i: number,
): Promise<{
	accessToken: string;
	refreshToken?: string;
	clientId?: string;
	clientSecret?: string;
}> {
	const { credential, accessToken, refreshToken } = await oauth2Credential(
		ctx,
		'gmailOAuth2',
		'Gmail OAuth2',
		i,
	);
	return {
		accessToken,
		refreshToken,
		clientId: credential.clientId as string | undefined,
		clientSecret: credential.clientSecret as string | undefined,
	};
}
