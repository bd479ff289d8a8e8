import type { INodeProperties } from 'n8n-workflow';

import { requeueFailedSends } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('campaign', 'requeueFailed', [
	campaignLocator,
	{
		displayName: 'Sending Mailbox',
		name: 'mailbox',
		type: 'string',
		default: '',
		placeholder: 'sales@northwind.com',
		description:
			'Only the failed sends of this mailbox (after fixing its credential, say); empty: every failed send of the campaign',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		description: 'Why, kept in the audit trail',
	},
]);

export const execute: Action = async (ctx, engine, i) =>
	await requeueFailedSends(engine.db, {
		campaignId: campaignIdOf(ctx, i),
		mailbox: (ctx.getNodeParameter('mailbox', i, '') as string) || undefined,
		note: (ctx.getNodeParameter('note', i, '') as string) || undefined,
		actor: actorOf(ctx),
	});
