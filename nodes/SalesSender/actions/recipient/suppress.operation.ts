import type { INodeProperties } from 'n8n-workflow';

import { addSuppression, checkSuppressionValue, type SuppressionKind } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('recipient', 'suppress', [
	{
		displayName: 'Kind',
		name: 'kind',
		description: 'Why the address or domain is suppressed',
		type: 'options',
		options: [
			{ name: 'Complaint', value: 'complaint' },
			{ name: 'Domain', value: 'domain' },
			{ name: 'Hard Bounce', value: 'hard_bounce' },
			{ name: 'Manual', value: 'manual' },
			{ name: 'Unsubscribed', value: 'unsubscribed' },
		],
		default: 'manual',
	},
	{
		displayName: 'Address or Domain',
		name: 'value',
		description: 'An email address, or a domain (e.g. example.com) to suppress every address at it',
		type: 'string',
		default: '',
		required: true,
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const kind = ctx.getNodeParameter('kind', i) as SuppressionKind;
	const value = ctx.getNodeParameter('value', i) as string;
	checkSuppressionValue(kind, value);
	const { created } = await addSuppression(engine.db, { kind, value, source: actorOf(ctx) });
	return { kind, value, created };
};
