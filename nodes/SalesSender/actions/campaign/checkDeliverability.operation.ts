import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkDeliverability, dnsLookup, invalidInput } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import { dkimSettingsOf } from '../dkimCredential';
import type { Action } from '../types';
import { unsubscribeSettingsOf } from '../unsubscribeCredential';
import { mailboxesOf, sendingSetup } from './sendingSetup';

const list = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);

export const description: INodeProperties[] = forOperation('campaign', 'checkDeliverability', [
	campaignLocator,
	...sendingSetup,
	{
		displayName: 'Options',
		name: 'options',
		description: 'Where DNS is asked and which DKIM selectors the provider signs with',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'DKIM Selectors',
				name: 'dkimSelectors',
				type: 'string',
				default: '',
				placeholder: 'e.g. s1, s2',
				description:
					"Comma-separated selectors the provider signs with (Gmail: google, Microsoft 365: selector1, selector2, SendGrid: s1, s2 by default; SES: the three Easy DKIM tokens). Unused with SMTP and a DKIM key: the key's selector is checked.",
			},
			{
				displayName: 'DNS Servers',
				name: 'dnsServers',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1.1.1.1, 8.8.8.8',
				description:
					"Comma-separated resolvers (host or host:port) to ask; empty: SALES_ENGINE_DNS_SERVERS, else the machine's own",
			},
		],
	},
]);

/**
 * Every sending domain's SPF (covering the provider), DKIM, DMARC, the reply domain's MX, the
 * unsubscribe endpoint and the postal address: one item with the verdict and each check.
 */
export const execute: Action = async (ctx, engine, i) => {
	const provider = ctx.getNodeParameter('provider', i, 'outbox') as string;
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	if (provider === 'outbox')
		throw invalidInput(
			'The dry-run outbox sends nothing, so there is no deliverability to check',
			'Choose the provider the campaign will send through: SMTP, SendGrid or Amazon SES.',
		);
	const campaignId = campaignIdOf(ctx, i);
	const dkimSelectors = list(o.dkimSelectors);
	const profile =
		provider === 'smtp'
			? {
					provider: 'smtp' as const,
					host: String((await ctx.getCredentials('smtp', i)).host ?? ''),
					dkim: await dkimSettingsOf(ctx, i),
					dkimSelectors,
				}
			: { provider: provider as 'gmail' | 'microsoft365' | 'sendgrid' | 'ses', dkimSelectors };
	const { unsubscribeUrl } = await unsubscribeSettingsOf(ctx, i);
	return (await checkDeliverability(engine, {
		campaignId,
		provider: profile,
		// None listed: the engine checks the campaign's own sender address.
		mailboxes: mailboxesOf(ctx, i, {}),
		unsubscribeUrl,
		dns: dnsLookup(list(o.dnsServers)),
		actor: actorOf(ctx),
	})) as unknown as IDataObject;
};
