import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	checkUnsubscribeSettings,
	dispatch,
	gateDeliverability,
	gatePlacement,
	getCampaign,
	SEND_DEFAULTS,
	unsubscribeSettingsProblem,
} from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { campaignIdOf, campaignLocator } from '../../../shared/campaignLocator';
import { forOperation } from '../../../shared/forOperation';
import { closeRoutes, routesOf } from '../providerOf';
import type { Action } from '../types';
import { unsubscribeSettingsOf } from '../unsubscribeCredential';
import { deliverabilityRoutes, preflightDns, preflightOptions } from './deliverabilityRoutes';
import { mailboxesOf, positive, sendingSetup } from './sendingSetup';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map(
	(name, value) => ({ name, value }),
);

/** The run's own options; the preflight's are added to them. */
const runOptions: INodeProperties[] = [
	{
		displayName: 'Override Deliverability Check',
		name: 'deliverabilityOverride',
		type: 'string',
		default: '',
		placeholder: 'e.g. DMARC record waiting for the DNS admin, approved by Ana',
		description:
			'Send although the deliverability preflight failed: the reason is recorded in the audit trail with who ran it and what failed. Leave empty to block on a failing check.',
	},
	{
		displayName: 'Override Placement Test',
		name: 'placementOverride',
		type: 'string',
		default: '',
		placeholder: 'e.g. seeds are new accounts, approved by Ana',
		description:
			'Send although the latest placement test put too few messages in the inbox: the reason is recorded in the audit trail with who ran it and the table it overrode. Leave empty to block on a failing test.',
	},
	{
		displayName: 'Auto-Pause After Failures in a Row',
		name: 'errorBurst',
		description:
			'Provider failures in a row that pause the campaign (a broken credential should not burn the list)',
		type: 'number',
		default: 10,
	},
	{
		displayName: 'Auto-Pause Bounce Rate',
		name: 'bounceRate',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 3 },
		default: 0.05,
		description:
			'Share of hard bounces over the last 24 h (from 20 sends) that pauses the campaign',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		default: 50,
		description: 'Drafts claimed at a time',
	},
	{
		displayName: 'Default Time Zone',
		name: 'defaultTimezone',
		type: 'string',
		default: 'UTC',
		description: 'For recipients without a valid time zone',
	},
	{
		displayName: 'Global Per Day',
		name: 'globalPerDay',
		type: 'number',
		default: 0,
		description: '0 for no global daily cap',
	},
	{
		displayName: 'Global Per Second',
		name: 'globalPerSecond',
		type: 'number',
		default: 0,
		description: 'Shared by every worker; 0 for none',
	},
	{
		displayName: 'Gmail API URL',
		name: 'gmailApiUrl',
		type: 'string',
		default: '',
		placeholder: 'https://gmail.googleapis.com/',
		description: "Only for a proxy in front of Google's API; empty for Google itself",
		displayOptions: { show: { '/provider': ['gmail', 'mixed'] } },
	},
	{
		displayName: 'Graph API URL',
		name: 'graphApiUrl',
		type: 'string',
		default: '',
		placeholder: 'https://graph.microsoft.com',
		description: 'Only for a national cloud or a proxy; empty for Microsoft Graph itself',
		displayOptions: { show: { '/provider': ['microsoft365', 'mixed'] } },
	},
	{
		displayName: 'Messages in Flight',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 64 },
		default: 32,
		description:
			'Messages this worker hands to the provider at once (a provider answers in 50–300 ms); under a per-second limit at most two seconds of sends',
	},
	{
		displayName: 'Per Recipient Domain Per Day',
		name: 'domainPerDay',
		description: 'Sends a day at most to one recipient domain; 0 for no cap',
		type: 'number',
		default: 0,
	},
	{
		displayName: 'Per Recipient Domain Per Second',
		name: 'domainPerSecond',
		description: 'Sends a second at most to one recipient domain; 0 for no limit',
		type: 'number',
		default: 0,
	},
	{
		displayName: 'Provider Per Second',
		name: 'providerPerSecond',
		type: 'number',
		default: 0,
		description: 'Sends a second at most through the provider, shared by every worker; 0 for none',
	},
	{
		displayName: 'Send at Any Hour',
		name: 'anyHour',
		type: 'boolean',
		default: false,
		description: 'Whether to ignore the sending window (for tests and transactional follow-ups)',
	},
	{
		displayName: 'SendGrid Base URL',
		name: 'sendgridBaseUrl',
		type: 'string',
		default: '',
		description: 'Only for a proxy or a test server',
	},
	{
		displayName: 'Sending Days',
		name: 'days',
		type: 'multiOptions',
		options: DAYS,
		default: [1, 2, 3, 4, 5],
		description: "In each recipient's time zone",
	},
	{
		displayName: 'Sending Hours From',
		name: 'startHour',
		description: "The first hour (0–23) messages may go out, in each recipient's time zone",
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 23 },
		default: 8,
	},
	{
		displayName: 'Sending Hours To',
		name: 'endHour',
		description: "The hour messages stop going out (1–24), in each recipient's time zone",
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 24 },
		default: 18,
	},
	{
		displayName: 'SES Configuration Set',
		name: 'sesConfigurationSet',
		type: 'string',
		default: '',
		description:
			'The configuration set whose event destination receives bounces and complaints (Amazon SES only)',
	},
	{
		displayName: 'Shared Mailbox',
		name: 'sharedMailbox',
		type: 'string',
		default: '',
		placeholder: 'e.g. sales@northwind.com',
		description:
			'Send from this Microsoft 365 shared mailbox (the signed-in user needs Send As and Mail.Send.Shared); empty for the own mailbox',
		displayOptions: { show: { '/provider': ['microsoft365', 'mixed'] } },
	},
	{
		displayName: 'SMTP Connections',
		name: 'smtpConnections',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 2,
		description:
			'Connections to the SMTP server at once, and so messages on the wire at once (Microsoft 365 allows 3 per mailbox)',
	},
	{
		displayName: 'Time Budget (Seconds)',
		name: 'timeBudgetSeconds',
		type: 'number',
		default: 50,
		description: 'Stop claiming after this long, so a run every minute never overlaps itself',
	},
	{
		displayName: 'Unsubscribe Mailbox',
		name: 'unsubscribeMailto',
		type: 'string',
		default: '',
		description: 'The mailto: form of List-Unsubscribe',
	},
];

export const description: INodeProperties[] = forOperation('campaign', 'send', [
	campaignLocator,
	...sendingSetup,
	{
		displayName: 'Options',
		name: 'options',
		description: 'Limits, sending window and provider settings of this run',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		// Alphabetical, as n8n lists options, with the preflight's shared ones among them.
		options: [...preflightOptions, ...runOptions].sort((x, y) =>
			x.displayName.localeCompare(y.displayName),
		),
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const campaign = await getCampaign(engine, campaignIdOf(ctx, i));
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const { unsubscribeUrl, secret } = await unsubscribeSettingsOf(ctx, i);
	const mailboxes = mailboxesOf(ctx, i, campaign.sender);
	const dryRun = ctx.getNodeParameter('provider', i, 'outbox') === 'outbox';
	// What every real send needs is checked before the preflight asks DNS anything.
	if (dryRun) warnBeforeRealMail(ctx, { unsubscribeUrl, secret });
	else checkUnsubscribeSettings({ unsubscribeUrl, secret }, true);
	// Real sending starts only after the campaign's domains passed the preflight (or a person
	// overrode it, on the record); a pass is kept, so later runs ask DNS again only for new domains.
	const deliverability = dryRun
		? null
		: await gateDeliverability(engine, {
				campaignId: campaign.id,
				routes: await deliverabilityRoutes(ctx, i, mailboxes),
				unsubscribeUrl,
				unsubscribeSecret: secret,
				dns: preflightDns(ctx, i),
				override: (o.deliverabilityOverride as string) || undefined,
				actor: actorOf(ctx),
			});
	// And only while the latest seed-list placement test (if one was run) put enough in the inbox.
	const placement = dryRun
		? null
		: await gatePlacement(engine, {
				campaignId: campaign.id,
				override: (o.placementOverride as string) || undefined,
				actor: actorOf(ctx),
			});
	const routes = await routesOf(ctx, engine, i, campaign.id, mailboxes);
	try {
		const summary = await dispatch(engine, {
			campaignId: campaign.id,
			routes,
			limits: {
				globalPerSecond: positive(o.globalPerSecond),
				globalPerDay: positive(o.globalPerDay),
				providerPerSecond: positive(o.providerPerSecond),
				domainPerSecond: positive(o.domainPerSecond),
				domainPerDay: positive(o.domainPerDay),
			},
			// The dry run writes what is due now, at any hour: it shows the messages, not the
			// schedule (a real provider keeps the window; the approval summary says when).
			window:
				o.anyHour || dryRun
					? null
					: {
							days: (o.days as number[] | undefined) ?? [...SEND_DEFAULTS.window.days],
							startHour: Number(o.startHour ?? SEND_DEFAULTS.window.startHour),
							endHour: Number(o.endHour ?? SEND_DEFAULTS.window.endHour),
							defaultTimezone:
								(o.defaultTimezone as string) || SEND_DEFAULTS.window.defaultTimezone,
						},
			compliance: {
				unsubscribeUrl,
				unsubscribeMailto: (o.unsubscribeMailto as string) || undefined,
				secret,
				postalAddress: campaign.sender.postalAddress ?? '',
			},
			batchSize: positive(o.batchSize),
			concurrency: positive(o.concurrency),
			timeBudgetMs: (positive(o.timeBudgetSeconds) ?? SEND_DEFAULTS.timeBudgetSeconds) * 1000,
			autoPause: {
				errorBurst: positive(o.errorBurst) ?? SEND_DEFAULTS.autoPause.errorBurst,
				bounceRate: Number(o.bounceRate ?? SEND_DEFAULTS.autoPause.bounceRate),
				minSends: SEND_DEFAULTS.autoPause.minSends,
			},
			actor: actorOf(ctx),
		});
		return {
			campaignId: campaign.id,
			provider: [...new Set(routes.map((r) => r.provider.name))].join(', '),
			...summary,
			deliverability: deliverability?.state ?? 'not checked (dry run)',
			placement: placement?.state ?? 'not checked (dry run)',
			...(dryRun ? { window: 'not applied: the dry-run outbox writes every due message now' } : {}),
		} as unknown as IDataObject;
	} finally {
		await closeRoutes(routes);
	}
};

/**
 * The dry run accepts an http unsubscribe URL and the placeholder secret (no link leaves); what
 * real sending would refuse is said on the canvas now, not discovered at the first real send.
 */
function warnBeforeRealMail(
	ctx: IExecuteFunctions,
	settings: { unsubscribeUrl: string; secret: string },
): void {
	const problem = unsubscribeSettingsProblem(settings, true);
	if (problem)
		ctx.addExecutionHints?.({
			message:
				`Dry run only: real sending would stop here. ${problem.message}. ${problem.description ?? ''}`.trim(),
			type: 'warning',
			location: 'outputPane',
		});
}
