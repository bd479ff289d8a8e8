import type { INodeProperties } from 'n8n-workflow';

import { resolveUnknownSend, type UnknownResolution } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('campaign', 'resolveUnknown', [
	{
		displayName: 'Attempt ID',
		name: 'attemptId',
		type: 'number',
		default: 0,
		required: true,
		description: 'The attemptId from List Unknown Sends',
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		description: 'What a person found out about the message whose answer was lost',
		type: 'options',
		options: [
			{
				name: 'It Was Delivered: Mark Sent',
				value: 'sent',
				description: 'The message was found (Sent folder, provider log): the sequence goes on',
			},
			{
				name: 'It Was Not Delivered: Re-Queue',
				value: 'requeue',
				description: 'Send it again at the next run, with the same Message-ID',
			},
		],
		default: 'sent',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		description: 'What you checked, kept in the audit trail',
	},
	campaignLocator,
]);

export const execute: Action = async (ctx, engine, i) =>
	await resolveUnknownSend(engine.db, {
		attemptId: Number(ctx.getNodeParameter('attemptId', i)),
		resolution: ctx.getNodeParameter('resolution', i) as UnknownResolution,
		note: (ctx.getNodeParameter('note', i, '') as string) || undefined,
		actor: actorOf(ctx),
	});
