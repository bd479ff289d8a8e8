import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	gmailReplies,
	graphReplies,
	imapReplies,
	type MailboxReader,
	pollMailbox,
} from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { apiUrlOptions, credentialId, mailboxAccess, mailboxKindProperty } from './mailboxAccess';

export const description: INodeProperties[] = forOperation('incomingMail', 'readMailbox', [
	mailboxKindProperty('sending mailbox'),
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
			...apiUrlOptions,
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

/**
 * The mailbox's reader: Gmail's inbox history, Graph's delta on the inbox, or the IMAP folder's
 * UIDs since the last read, each named by its credential for the stored cursor.
 */
async function readerOf(ctx: IExecuteFunctions, i: number): Promise<MailboxReader> {
	const access = await mailboxAccess(ctx, i);
	if (access.kind === 'gmail')
		return gmailReplies(`gmail:${credentialId(ctx, 'gmailOAuth2')}`, access.source);
	if (access.kind === 'microsoft365')
		return graphReplies(
			`microsoft365:${credentialId(ctx, 'microsoftOutlookOAuth2Api')}:${access.mailbox ?? 'me'}`,
			access.source,
		);
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const folder = (o.imapFolder as string) || 'INBOX';
	return imapReplies(`imap:${access.user}@${access.host}/${folder}`, { ...access.source, folder });
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
