import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	checkUnsubscribeSettings,
	getCampaign,
	invalidInput,
	sendPlacementTest,
} from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import { closeRoutes, routesOf } from '../providerOf';
import type { Action } from '../types';
import { unsubscribeSettingsOf } from '../unsubscribeCredential';
import { mailboxesOf, sendingSetup } from './sendingSetup';

export const description: INodeProperties[] = forOperation('campaign', 'sendPlacementTest', [
	campaignLocator,
	...sendingSetup,
	{
		displayName: 'Seed Mailboxes',
		name: 'seeds',
		placeholder: 'Add seed mailbox',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'Your own test mailboxes at the providers your prospects use; read each one afterwards with Incoming Mail → Read Placement Seed',
		options: [
			{
				displayName: 'Seed',
				name: 'seed',
				values: [
					{
						displayName: 'Address',
						name: 'address',
						type: 'string',
						default: '',
						placeholder: 'e.g. seed-gmail@yourcompany.com',
						description: 'The seed mailbox the test message is sent to',
					},
					{
						displayName: 'Kind',
						name: 'kind',
						type: 'options',
						options: [
							{ name: 'Gmail', value: 'gmail' },
							{ name: 'IMAP', value: 'imap' },
							{ name: 'Microsoft 365', value: 'microsoft365' },
						],
						default: 'gmail',
						description: 'Which provider the seed mailbox is at (its table row says so)',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'Which draft is sent, and the share that must reach an inbox',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Draft ID',
				name: 'draftId',
				type: 'string',
				default: '',
				description: "The draft to send; empty: the campaign's first approved first touch",
			},
			{
				displayName: 'Minimum Inbox Share',
				name: 'minInboxShare',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.8,
				description:
					"The share of test messages that must land in an inbox (Gmail's tabs do not count); under it, real sending is blocked until a new test passes or a person overrides it",
			},
		],
	},
]);

/**
 * Sends the approved draft from each sending mailbox of the node to each seed mailbox (the
 * message exactly as a send builds it, with its own Message-ID), and records the test; Incoming
 * Mail → Read Placement Seed reads where each landed.
 */
export const execute: Action = async (ctx, engine, i) => {
	if (ctx.getNodeParameter('provider', i, 'outbox') === 'outbox')
		throw invalidInput(
			'The dry-run outbox sends nothing, so nothing can land in a seed mailbox',
			'Choose the provider the campaign will send through.',
		);
	const campaign = await getCampaign(engine, campaignIdOf(ctx, i));
	const seeds = (ctx.getNodeParameter('seeds.seed', i, []) as IDataObject[])
		.map((s) => ({ address: String(s.address ?? '').trim(), kind: s.kind as 'gmail' }))
		.filter((s) => s.address);
	const { unsubscribeUrl, secret } = await unsubscribeSettingsOf(ctx, i);
	checkUnsubscribeSettings({ unsubscribeUrl, secret }, true);
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const routes = await routesOf(ctx, engine, i, campaign.id, mailboxesOf(ctx, i, campaign.sender));
	try {
		return (await sendPlacementTest(engine, {
			campaignId: campaign.id,
			senders: routes.flatMap((r) =>
				r.mailboxes.map((m) => ({ address: m.address, name: m.name, provider: r.provider })),
			),
			seeds,
			compliance: {
				unsubscribeUrl,
				secret,
				postalAddress: campaign.sender.postalAddress ?? '',
			},
			draftId: (o.draftId as string) || undefined,
			minInboxShare: o.minInboxShare === undefined ? undefined : Number(o.minInboxShare),
			actor: actorOf(ctx),
		})) as unknown as IDataObject;
	} finally {
		await closeRoutes(routes);
	}
};
