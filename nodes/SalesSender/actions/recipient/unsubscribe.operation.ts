import type { INodeProperties } from 'n8n-workflow';

import { unsubscribe } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { unsubscribeSettingsOf } from '../unsubscribeCredential';

export const description: INodeProperties[] = forOperation('recipient', 'unsubscribe', [
	{
		displayName: 'Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.query?.token ?? $json.body?.token }}',
		required: true,
		description: "The token from the unsubscribe link (the webhook's query or body)",
	},
]);

export const execute: Action = async (ctx, engine, i) =>
	await unsubscribe(
		engine,
		(await unsubscribeSettingsOf(ctx, i)).secret,
		String(ctx.getNodeParameter('token', i) ?? ''),
		actorOf(ctx),
	);
