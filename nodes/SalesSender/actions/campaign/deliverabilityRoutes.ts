import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type CheckedRoute, dnsLookup, type DnsLookup } from '../../../engine';
import { chosenCredential } from '../../../shared/chosenCredential';
import { commaList, dnsServersOption } from '../../../shared/dnsServers';
import { dkimSettingsOf } from '../dkimCredential';
import { SMTP_NEED } from '../providerOf';
import { type ListedMailbox, mailboxesByKind } from './sendingSetup';

/** Where the preflight asks DNS and which DKIM selectors it looks for: options of both operations. */
export const preflightOptions: INodeProperties[] = [
	{
		displayName: 'DKIM Selectors',
		name: 'dkimSelectors',
		type: 'string',
		default: '',
		placeholder: 'e.g. s1, s2',
		description:
			"Comma-separated selectors the provider signs with (Gmail: google, Microsoft 365: selector1, selector2, SendGrid: s1, s2 by default; SES: the three Easy DKIM tokens). Unused with SMTP and a DKIM key: the key's selector is checked.",
	},
	dnsServersOption('the deliverability check'),
];

/** The resolver the options name. */
export const preflightDns = (ctx: IExecuteFunctions, i: number): DnsLookup =>
	dnsLookup(commaList((ctx.getNodeParameter('options', i, {}) as IDataObject).dnsServers));

/**
 * The node's sending set-up as the preflight checks it: the mailboxes of each kind with what that
 * kind's servers and DKIM selectors are (for SMTP the credential's host and DKIM key).
 */
export async function deliverabilityRoutes(
	ctx: IExecuteFunctions,
	i: number,
	mailboxes: ListedMailbox[],
): Promise<CheckedRoute[]> {
	const provider = ctx.getNodeParameter('provider', i, 'outbox') as string;
	const dkimSelectors = commaList(
		(ctx.getNodeParameter('options', i, {}) as IDataObject).dkimSelectors,
	);
	const routes: CheckedRoute[] = [];
	for (const [kind, listed] of mailboxesByKind(provider, mailboxes)) {
		routes.push({
			mailboxes: listed,
			provider:
				kind === 'smtp'
					? {
							provider: 'smtp',
							host: String((await chosenCredential(ctx, 'smtp', 'SMTP', i, SMTP_NEED)).host ?? ''),
							dkim: await dkimSettingsOf(ctx, i),
							dkimSelectors,
						}
					: { provider: kind as 'gmail' | 'microsoft365' | 'sendgrid' | 'ses', dkimSelectors },
		});
	}
	return routes;
}
