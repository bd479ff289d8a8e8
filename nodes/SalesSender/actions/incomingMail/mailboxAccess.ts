import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GmailSource, GraphGet, ImapSource } from '../../../engine';
import { chosenCredential } from '../../../shared/chosenCredential';
import { gmailAccess } from '../../../shared/gmailAccess';
import { graphThroughN8n } from '../../../shared/graphThroughN8n';
import { oauth2Credential } from '../../../shared/oauth2Credential';

/** Which kind of mailbox an operation reads, each with n8n's own credential for it. */
export const mailboxKindProperty = (what: string): INodeProperties => ({
	displayName: 'Mailbox',
	name: 'provider',
	description: `The kind of ${what} to read, with its credential`,
	type: 'options',
	options: [
		{ name: 'Gmail', value: 'gmail', description: "With n8n's Gmail OAuth2 credential" },
		{ name: 'IMAP', value: 'imap', description: "With n8n's IMAP credential" },
		{
			name: 'Microsoft 365',
			value: 'microsoft365',
			description: "With n8n's Microsoft Outlook OAuth2 credential (a shared mailbox too)",
		},
	],
	default: 'gmail',
});

/** Where the Gmail and Graph APIs are, for a proxy or a national cloud. */
export const apiUrlOptions: INodeProperties[] = [
	{
		displayName: 'Gmail API URL',
		name: 'gmailApiUrl',
		type: 'string',
		default: '',
		description: "The Gmail API's root, for a proxy; empty: Google's",
		displayOptions: { show: { '/provider': ['gmail'] } },
	},
	{
		displayName: 'Graph API URL',
		name: 'graphApiUrl',
		type: 'string',
		default: '',
		description:
			"Microsoft Graph's root, for national clouds; empty: the credential's, else Microsoft's",
		displayOptions: { show: { '/provider': ['microsoft365'] } },
	},
];

/** The credential's id, for naming a cursor: another account is another mailbox. */
export const credentialId = (ctx: IExecuteFunctions, type: string) =>
	ctx.getNode().credentials?.[type]?.id ?? ctx.getNode().credentials?.[type]?.name ?? 'default';

export type MailboxAccess =
	| { kind: 'gmail'; source: GmailSource }
	| {
			kind: 'microsoft365';
			source: { get: GraphGet; baseUrl?: string; mailbox?: string };
			/** The shared mailbox's principal name, if the credential reads one. */
			mailbox?: string;
	  }
	| { kind: 'imap'; source: Omit<ImapSource, 'folder'>; user: string; host: string };

/** The chosen kind of mailbox, with what the engine's readers need from its n8n credential. */
export async function mailboxAccess(ctx: IExecuteFunctions, i: number): Promise<MailboxAccess> {
	const kind = ctx.getNodeParameter('provider', i) as string;
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	if (kind === 'gmail')
		return {
			kind,
			source: { ...(await gmailAccess(ctx, i)), rootUrl: (o.gmailApiUrl as string) || undefined },
		};
	if (kind === 'microsoft365') {
		const { credential } = await oauth2Credential(
			ctx,
			'microsoftOutlookOAuth2Api',
			'Microsoft Outlook',
			i,
		);
		const mailbox = credential.useShared ? (credential.userPrincipalName as string) : undefined;
		return {
			kind,
			mailbox,
			source: {
				get: (url, accept): ReturnType<GraphGet> =>
					graphThroughN8n(ctx, { method: 'GET', url, headers: { accept } }),
				baseUrl:
					(o.graphApiUrl as string) ||
					(credential.graphApiBaseUrl as string | undefined) ||
					undefined,
				mailbox,
			},
		};
	}
	const c = await chosenCredential(ctx, 'imap', 'IMAP', i, 'Reading an IMAP mailbox');
	return {
		kind: 'imap',
		user: String(c.user),
		host: String(c.host),
		source: {
			host: String(c.host),
			port: Number(c.port) || 993,
			secure: c.secure !== false,
			user: String(c.user),
			password: String(c.password),
			allowUnauthorizedCerts: c.allowUnauthorizedCerts === true,
		},
	};
}
