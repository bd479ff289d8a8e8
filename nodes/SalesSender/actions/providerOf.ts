import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	type Engine,
	type SendRoute,
	gmailProvider,
	microsoft365Provider,
	outboxProvider,
	type SendProvider,
	sendgridProvider,
	sesProvider,
	smtpProvider,
} from '../../engine';
import { chosenCredential } from '../../shared/chosenCredential';
import { gmailAccess } from '../../shared/gmailAccess';
import { oauth2Credential } from '../../shared/oauth2Credential';
import { type ListedMailbox, mailboxesByKind } from './campaign/sendingSetup';
import { dkimSettingsOf } from './dkimCredential';
import { graphPostThroughN8n } from './graphPost';

/** Why the SMTP credential is needed, for the error when none is chosen. */
export const SMTP_NEED =
	'Sending through SMTP (the SMTP provider, or a mailbox that sends through SMTP)';

/**
 * The provider chosen on the node, with n8n's own credential for it (SMTP, Gmail OAuth2, Microsoft
 * Outlook OAuth2, SendGrid, AWS) and, for SMTP, the optional DKIM key.
 */
export async function providerOf(
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
	campaignId: string,
	kind = ctx.getNodeParameter('provider', i, 'outbox') as SendProvider['name'],
): Promise<SendProvider> {
	if (kind === 'smtp') {
		const c = (await chosenCredential(ctx, 'smtp', 'SMTP', i, SMTP_NEED)) as IDataObject;
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
		const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
		return gmailProvider({
			...(await gmailAccess(ctx, i)),
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

/**
 * The run's ways out: the node's provider with every mailbox, or, with several kinds of mailbox,
 * one route per kind listed (each with its own credential, so a kind nobody uses needs none).
 */
export async function routesOf(
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
	campaignId: string,
	mailboxes: ListedMailbox[],
): Promise<SendRoute[]> {
	const provider = ctx.getNodeParameter('provider', i, 'outbox') as string;
	const made = await Promise.allSettled(
		[...mailboxesByKind(provider, mailboxes)].map(async ([kind, listed]) => ({
			provider: await providerOf(ctx, engine, i, campaignId, kind as SendProvider['name']),
			mailboxes: listed,
		})),
	);
	const routes = made.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
	const failed = made.find((r) => r.status === 'rejected');
	if (failed) {
		// One credential missing: the connections the others opened are closed again.
		await closeRoutes(routes);
		throw failed.reason;
	}
	return routes;
}

export const closeRoutes = async (routes: SendRoute[]) => {
	await Promise.all(routes.map((r) => r.provider.close()));
};
