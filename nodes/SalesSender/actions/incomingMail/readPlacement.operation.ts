import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	gmailSeed,
	graphSeed,
	imapSeed,
	readPlacementTest,
	type SeedMailbox,
} from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { apiUrlOptions, mailboxAccess, mailboxKindProperty } from './mailboxAccess';

export const description: INodeProperties[] = forOperation('incomingMail', 'readPlacement', [
	campaignLocator,
	mailboxKindProperty('seed mailbox'),
	{
		displayName: 'Seed Address',
		name: 'seedAddress',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. seed-gmail@yourcompany.com',
		description:
			"The seed mailbox's address, as Send Placement Test sent to it: its rows of the latest test are read",
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'How long to wait for the test messages, and where the mailbox is',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			...apiUrlOptions,
			{
				displayName: 'Poll Every (Seconds)',
				name: 'pollSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 15,
				description: 'How often the mailbox is read again for a message that has not arrived',
			},
			{
				displayName: 'Wait Up To (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 300,
				description:
					'How long after the test was sent a message still missing counts as not arrived',
			},
		],
	},
]);

/**
 * One seed mailbox read for its rows of the campaign's latest placement test: where each message
 * landed (Inbox, Spam/Junk, a Gmail tab, another folder) or not arrived, into the table the status
 * shows and the send gate reads. One node per seed mailbox, each with its own credential.
 */
export const execute: Action = async (ctx, engine, i) => {
	const address = String(ctx.getNodeParameter('seedAddress', i, '')).trim();
	const access = await mailboxAccess(ctx, i);
	const seed: SeedMailbox =
		access.kind === 'gmail'
			? gmailSeed(address, access.source)
			: access.kind === 'microsoft365'
				? graphSeed(address, access.source)
				: imapSeed(address, access.source);
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return (await readPlacementTest(engine, {
		campaignId: campaignIdOf(ctx, i),
		seeds: [seed],
		timeoutMs:
			o.timeoutSeconds === undefined ? undefined : Math.max(0, Number(o.timeoutSeconds)) * 1000,
		pollMs: Number(o.pollSeconds) > 0 ? Number(o.pollSeconds) * 1000 : undefined,
		actor: actorOf(ctx),
	})) as unknown as IDataObject;
};
