import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	gmailReplies,
	type GraphGet,
	graphReplies,
	imapReplies,
	type MailboxReader,
	pollMailbox,
} from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { chosenCredential } from '../../../shared/chosenCredential';
import { forOperation } from '../../../shared/forOperation';
import { gmailAccess } from '../../../shared/gmailAccess';
import { graphThroughN8n } from '../../../shared/graphThroughN8n';
import { oauth2Credential } from '../../../shared/oauth2Credential';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('incomingMail', 'readMailbox', [
	{
		displayName: 'Mailbox',
		name: 'provider',
		description: 'The kind of sending mailbox to read, with its credential',
		type: 'options',
		options: [
			{
				name: 'Gmail',
				value: 'gmail',
				description: "With n8n's Gmail OAuth2 credential: the inbox's history since the last read",
			},
			{
				name: 'IMAP',
				value: 'imap',
				description: "With n8n's IMAP credential: the folder's UIDs since the last read",
			},
			{
				name: 'Microsoft 365',
				value: 'microsoft365',
				description:
					"With n8n's Microsoft Outlook OAuth2 credential (a shared mailbox too): Graph's delta on the inbox",
			},
		],
		default: 'gmail',
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'How far the first read goes back, and where the mailbox is',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'First Read (Days)',
				name: 'firstDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 14,
				description:
					"How far back the first read of a mailbox goes (later reads start where the last one ended); Gmail's history lasts about a week, past which this is read again",
			},
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
			{
				displayName: 'IMAP Folder',
				name: 'imapFolder',
				type: 'string',
				default: 'INBOX',
				description: 'The folder replies arrive in',
				displayOptions: { show: { '/provider': ['imap'] } },
			},
		],
	},
]);

/** The credential's id in the cursor's name: another account is another mailbox. */
const credentialId = (ctx: IExecuteFunctions, type: string) =>
	ctx.getNode().credentials?.[type]?.id ?? ctx.getNode().credentials?.[type]?.name ?? 'default';

async function readerOf(ctx: IExecuteFunctions, i: number): Promise<MailboxReader> {
	const kind = ctx.getNodeParameter('provider', i) as string;
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	if (kind === 'gmail') {
		return gmailReplies(`gmail:${credentialId(ctx, 'gmailOAuth2')}`, {
			...(await gmailAccess(ctx, i)),
			rootUrl: (o.gmailApiUrl as string) || undefined,
		});
	}
	if (kind === 'microsoft365') {
		const type = 'microsoftOutlookOAuth2Api';
		const { credential } = await oauth2Credential(ctx, type, 'Microsoft Outlook', i);
		const mailbox = credential.useShared ? (credential.userPrincipalName as string) : undefined;
		return graphReplies(`microsoft365:${credentialId(ctx, type)}:${mailbox ?? 'me'}`, {
			get: (url, accept): ReturnType<GraphGet> =>
				graphThroughN8n(ctx, { method: 'GET', url, headers: { accept } }),
			baseUrl:
				(o.graphApiUrl as string) ||
				(credential.graphApiBaseUrl as string | undefined) ||
				undefined,
			mailbox,
		});
	}
	const c = await chosenCredential(ctx, 'imap', 'IMAP', i, 'Reading an IMAP mailbox');
	const folder = (o.imapFolder as string) || 'INBOX';
	return imapReplies(`imap:${String(c.user)}@${String(c.host)}/${folder}`, {
		host: String(c.host),
		port: Number(c.port) || 993,
		secure: c.secure !== false,
		user: String(c.user),
		password: String(c.password),
		allowUnauthorizedCerts: c.allowUnauthorizedCerts === true,
		folder,
	});
}

/**
 * New mail of one sending mailbox into the reply and bounce intake, from where the last read
 * ended: replies stop their sequences without a separate inbox workflow.
 */
export const execute: Action = async (ctx, engine, i) => {
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return (await pollMailbox(engine, await readerOf(ctx, i), {
		firstDays: Number(o.firstDays) > 0 ? Number(o.firstDays) : 14,
		actor: actorOf(ctx),
	})) as unknown as IDataObject;
};
