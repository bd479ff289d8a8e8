import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chosenCredential } from './chosenCredential';

/** An n8n OAuth2 credential and its tokens, or a clear error before any call is made. */
export async function oauth2Credential(
	ctx: IExecuteFunctions,
	type: string,
	label: string,
	i: number,
): Promise<{ credential: IDataObject; accessToken: string; refreshToken?: string }> {
	const credential = await chosenCredential(
		ctx,
		type,
		label,
		i,
		`Sending or reading through ${label}`,
	);
	const token = (credential.oauthTokenData ?? {}) as {
		access_token?: string;
		refresh_token?: string;
	};
	if (!token.access_token) {
		throw new NodeOperationError(ctx.getNode(), `The ${label} credential is not connected`, {
			itemIndex: i,
			description: `Open the ${label} credential and sign in.`,
		});
	}
	return { credential, accessToken: token.access_token, refreshToken: token.refresh_token };
}
