import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	type Engine,
	gmailProvider,
	microsoft365Provider,
	outboxProvider,
	type SendProvider,
	sendgridProvider,
	sesProvider,
	smtpProvider,
} from '../../engine';
import { oauth2Credential } from '../../shared/oauth2Credential';
import { dkimSettingsOf } from './dkimCredential';
import { graphPostThroughN8n } from './graphPost';

/**
 * The provider chosen on the node, with n8n's own credential for it (SMTP, Gmail OAuth2, Microsoft
 * Outlook OAuth2, SendGrid, AWS) and, for SMTP, the optional DKIM key.
 */
export async function providerOf(
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
	campaignId: string,
): Promise<SendProvider> {
	const kind = ctx.getNodeParameter('provider', i, 'outbox') as SendProvider['name'];
	if (kind === 'smtp') {
		const c = (await ctx.getCredentials('smtp', i)) as IDataObject;
		const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
		return smtpProvider({
			maxConnections: Number(options.smtpConnections) > 0 ? Number(options.smtpConnections) : 2,
			host: String(c.host),
			port: Number(c.port ?? 465),
			secure: Boolean(c.secure),
			user: (c.user as string) || undefined,
			password: (c.password as string) || undefined,
			dkim: await dkimSettingsOf(ctx, i),
		});
	}
	if (kind === 'gmail') {
		const { credential, accessToken, refreshToken } = await oauth2Credential(
			ctx,
			'gmailOAuth2',
			'Gmail OAuth2',
			i,
		);
		const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
		return gmailProvider({
			accessToken,
			refreshToken,
			clientId: credential.clientId as string | undefined,
			clientSecret: credential.clientSecret as string | undefined,
			rootUrl: (options.gmailApiUrl as string) || undefined,
		});
	}
	if (kind === 'microsoft365') {
		await oauth2Credential(ctx, 'microsoftOutlookOAuth2Api', 'Microsoft Outlook', i);
		const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
		return microsoft365Provider({
			post: graphPostThroughN8n(ctx),
			mailbox: (options.sharedMailbox as string)?.trim() || undefined,
			baseUrl: (options.graphApiUrl as string) || undefined,
		});
	}
	if (kind === 'sendgrid') {
		const c = (await ctx.getCredentials('sendGridApi', i)) as IDataObject;
		const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
		return sendgridProvider({
			apiKey: String(c.apiKey),
			baseUrl: (options.sendgridBaseUrl as string) || undefined,
		});
	}
	if (kind === 'ses') {
		const c = (await ctx.getCredentials('aws', i)) as IDataObject;
		const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
		return sesProvider({
			region: String(c.region || 'us-east-1'),
			accessKeyId: String(c.accessKeyId ?? ''),
			secretAccessKey: String(c.secretAccessKey ?? ''),
			sessionToken: c.temporaryCredentials ? (c.sessionToken as string) : undefined,
			// The credential's own SES endpoint, as n8n's AWS SES node uses it (VPC endpoints).
			endpoint: c.customEndpoints ? (c.sesEndpoint as string) || undefined : undefined,
			configurationSet: (options.sesConfigurationSet as string) || undefined,
		});
	}
	return outboxProvider(engine.objects, campaignId);
}
