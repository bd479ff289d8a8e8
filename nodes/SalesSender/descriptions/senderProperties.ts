import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator } from '../../shared/campaignLocator';

const show = (resource: string, operation?: string[]) => ({
	show: { resource: [resource], ...(operation ? { operation } : {}) },
});

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map(
	(name, value) => ({ name, value }),
);

export const senderProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Campaign', value: 'campaign' },
			{ name: 'Incoming Mail', value: 'incomingMail' },
			{ name: 'Kill Switch', value: 'killSwitch' },
			{ name: 'Recipient', value: 'recipient' },
		],
		default: 'campaign',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('campaign'),
		options: [
			{
				name: 'Send Due Drafts',
				value: 'send',
				description: 'Send the approved drafts that are due, within every limit',
				action: 'Send due drafts',
			},
			{
				name: 'List Unknown Sends',
				value: 'listUnknown',
				description:
					'The sends whose answer was lost (the message may have left): one item each, with its Message-ID to look up',
				action: 'List unknown sends',
			},
			{
				name: 'Resolve Unknown Send',
				value: 'resolveUnknown',
				description:
					'Mark a send whose answer was lost as sent, or put it back in the queue (audited)',
				action: 'Resolve an unknown send',
			},
			{
				name: 'Resume',
				value: 'resume',
				description: 'Resume a campaign that was paused (by hand or automatically)',
				action: 'Resume a campaign',
			},
		],
		default: 'send',
	},
	{
		displayName: 'Attempt ID',
		name: 'attemptId',
		type: 'number',
		default: 0,
		required: true,
		description: 'The attemptId from List Unknown Sends',
		displayOptions: show('campaign', ['resolveUnknown']),
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
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
		displayOptions: show('campaign', ['resolveUnknown']),
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		description: 'What you checked, kept in the audit trail',
		displayOptions: show('campaign', ['resolveUnknown']),
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('killSwitch'),
		options: [
			{
				name: 'Engage',
				value: 'engage',
				description: 'Stop every new send in the scope',
				action: 'Engage a kill switch',
			},
			{
				name: 'Release',
				value: 'release',
				description: 'Let sends in the scope start again',
				action: 'Release a kill switch',
			},
		],
		default: 'engage',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('recipient'),
		options: [
			{
				name: 'Unsubscribe',
				value: 'unsubscribe',
				description: 'Honour a one-click unsubscribe from its signed token (idempotent)',
				action: 'Unsubscribe a recipient',
			},
			{
				name: 'Suppress',
				value: 'suppress',
				description: 'Never mail an address or a whole domain again',
				action: 'Suppress an address or domain',
			},
		],
		default: 'unsubscribe',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('incomingMail'),
		options: [
			{
				name: 'Process Replies and Bounces',
				value: 'intake',
				description:
					'Read incoming mail: a reply stops the sequence, a hard bounce or complaint suppresses the address, an auto-reply is only recorded',
				action: 'Process replies and bounces',
			},
		],
		default: 'intake',
	},
	{
		displayName: 'Input',
		name: 'inputFormat',
		type: 'options',
		options: [
			{
				name: 'Mail Item Fields',
				value: 'fields',
				description:
					'Items from the Email Trigger (IMAP), Gmail or Outlook nodes; report parts from their attachments',
			},
			{
				name: 'Raw Message (Binary)',
				value: 'binary',
				description: 'The whole message (.eml) in a binary property: the most exact',
			},
		],
		default: 'fields',
		displayOptions: show('incomingMail'),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field that holds the message',
		displayOptions: { show: { resource: ['incomingMail'], inputFormat: ['binary'] } },
	},
	{ ...campaignLocator, displayOptions: show('campaign') },
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		options: [
			{
				name: 'Dry Run (Outbox)',
				value: 'outbox',
				description: 'Write the exact MIME to the object store, send nothing',
			},
			{ name: 'Amazon SES', value: 'ses', description: "With n8n's AWS credential" },
			{ name: 'SendGrid', value: 'sendgrid' },
			{ name: 'SMTP', value: 'smtp' },
		],
		default: 'outbox',
		displayOptions: show('campaign', ['send']),
	},
	{
		displayName: 'Sending Mailboxes',
		name: 'mailboxes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add mailbox',
		default: {},
		description:
			'The From addresses to rotate; follow-ups leave from the mailbox of the first touch',
		displayOptions: show('campaign', ['send']),
		options: [
			{
				displayName: 'Mailbox',
				name: 'mailbox',
				values: [
					{
						displayName: 'Address',
						name: 'address',
						type: 'string',
						default: '',
						placeholder: 'e.g. dana@northwind.com',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Per Day',
						name: 'perDay',
						type: 'number',
						default: 40,
						description: 'New sends a day at most (common advice: 30–50)',
					},
					{
						displayName: 'Per Second',
						name: 'perSecond',
						type: 'number',
						default: 0,
						description: '0 for no per-second limit on this mailbox',
					},
					{
						displayName: 'Warm-Up Increase Per Day',
						name: 'warmupIncreasePerDay',
						type: 'number',
						default: 2,
					},
					{
						displayName: 'Warm-Up Start Per Day',
						name: 'warmupStartPerDay',
						type: 'number',
						default: 5,
					},
					{
						displayName: 'Warm-Up Started',
						name: 'warmupStartedAt',
						type: 'dateTime',
						default: '',
						description: 'For a new mailbox: the day its warm-up began; empty for none',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show('campaign', ['send']),
		options: [
			{
				displayName: 'Auto-Pause After Failures in a Row',
				name: 'errorBurst',
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
				type: 'number',
				default: 0,
			},
			{
				displayName: 'Per Recipient Domain Per Second',
				name: 'domainPerSecond',
				type: 'number',
				default: 0,
			},
			{ displayName: 'Provider Per Second', name: 'providerPerSecond', type: 'number', default: 0 },
			{
				displayName: 'Send at Any Hour',
				name: 'anyHour',
				type: 'boolean',
				default: false,
				description:
					'Whether to ignore the sending window (for tests and transactional follow-ups)',
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
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 23 },
				default: 8,
			},
			{
				displayName: 'Sending Hours To',
				name: 'endHour',
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
		],
	},
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		options: [
			{ name: 'Everything', value: 'global' },
			{ name: 'One Campaign', value: 'campaign' },
			{ name: 'One Sending Mailbox', value: 'mailbox' },
		],
		default: 'global',
		displayOptions: show('killSwitch'),
	},
	{
		displayName: 'Target',
		name: 'target',
		type: 'string',
		default: '',
		description:
			'The campaign ID or the sending mailbox address; ignored for Everything. Shown whatever the scope, so a webhook can set both by expression.',
		displayOptions: show('killSwitch'),
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		displayOptions: show('killSwitch'),
	},
	{
		displayName: 'Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.query?.token ?? $json.body?.token }}',
		required: true,
		description: "The token from the unsubscribe link (the webhook's query or body)",
		displayOptions: show('recipient', ['unsubscribe']),
	},
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		options: [
			{ name: 'Complaint', value: 'complaint' },
			{ name: 'Domain', value: 'domain' },
			{ name: 'Hard Bounce', value: 'hard_bounce' },
			{ name: 'Manual', value: 'manual' },
			{ name: 'Unsubscribed', value: 'unsubscribed' },
		],
		default: 'manual',
		displayOptions: show('recipient', ['suppress']),
	},
	{
		displayName: 'Address or Domain',
		name: 'value',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show('recipient', ['suppress']),
	},
];
