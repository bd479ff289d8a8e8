import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkDeliverability, invalidInput } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { unsubscribeSettingsOf } from '../unsubscribeCredential';
import { deliverabilityRoutes, preflightDns, preflightOptions } from './deliverabilityRoutes';
import { mailboxesOf, sendingSetup } from './sendingSetup';

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
		options: preflightOptions,
	},
]);

/**
 * Every sending domain's SPF (covering the provider), DKIM, DMARC, the reply domain's MX, the
 * unsubscribe endpoint and the postal address: one item with the verdict and each check.
 */
export const execute: Action = async (ctx, engine, i) => {
	const provider = ctx.getNodeParameter('provider', i, 'outbox') as string;
	if (provider === 'outbox')
		throw invalidInput(
			'The dry-run outbox sends nothing, so there is no deliverability to check',
			'Choose the provider the campaign will send through: SMTP, Gmail, Microsoft 365, several kinds, SendGrid or Amazon SES.',
		);
	const { unsubscribeUrl, secret } = await unsubscribeSettingsOf(ctx, i);
	return (await checkDeliverability(engine, {
		campaignId: campaignIdOf(ctx, i),
		// None listed: the engine checks the campaign's own sender address.
		routes: await deliverabilityRoutes(ctx, i, mailboxesOf(ctx, i, {})),
		unsubscribeUrl,
		unsubscribeSecret: secret,
		dns: preflightDns(ctx, i),
		actor: actorOf(ctx),
	})) as unknown as IDataObject;
};
