import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator } from '../shared/campaignLocator';

const fromFiles = { show: { source: ['file'] } };
const fromItems = { show: { source: ['items'] } };

const pathOption = (displayName: string, name: string, hint: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: hint,
	description: `Path in the item to read ${displayName.toLowerCase()} from (dots for nesting). Empty: found automatically.`,
});

export const mailIngestProperties: INodeProperties[] = [
	campaignLocator,
	{
		displayName: 'Role',
		name: 'role',
		description:
			"Whose mail this is: the brand's own sales emails, one competitor's, or several competitors' found by sender (add aliases to a competitor for other sending domains)",
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Brand', value: 'brand', description: "The brand's own sales emails" },
			{ name: 'Competitor', value: 'competitor', description: "A competitor's sales emails" },
			{
				name: 'Competitors (By Sender)',
				value: 'competitorsBySender',
				description:
					"A seeded inbox with several competitors' mail: each message goes to the competitor whose domain or name its sender has; the others are reported, never guessed",
			},
		],
		default: 'brand',
	},
	{
		displayName: 'Competitor',
		name: 'competitor',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Globex',
		description: 'The competitor as named in the campaign',
		displayOptions: { show: { role: ['competitor'] } },
	},
	{
		displayName: 'Source',
		name: 'source',
		description: 'Where the emails come from',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Gmail',
				value: 'gmail',
				description: "A Gmail search, with n8n's Gmail OAuth2 credential",
			},
			{
				name: 'IMAP Mailbox',
				value: 'imap',
				description: "A folder of any IMAP mailbox, with n8n's IMAP credential",
			},
			{
				name: 'Input Items',
				value: 'items',
				description:
					"Emails as items, e.g. from n8n's Gmail, Email Trigger (IMAP) or Outlook nodes, or a sheet",
			},
			{
				name: 'Outlook (Microsoft Graph)',
				value: 'outlook',
				description:
					"An Outlook / Microsoft 365 folder, with n8n's Microsoft Outlook OAuth2 credential",
			},
			{
				name: 'Uploaded Files',
				value: 'file',
				description: '.eml, .mbox (streamed), CSV or JSON exports in binary properties',
			},
		],
		default: 'file',
	},
	{
		displayName: 'Input Binary Fields',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, attachment_0',
		hint: 'The names of the input binary fields holding the files, comma-separated; a name ending in * takes every field it starts (a form field with several files: Competitor_mail*)',
		description: 'Every file in these fields is read; an item may carry several (a form upload)',
		displayOptions: fromFiles,
	},
	{
		displayName: 'File Format',
		name: 'format',
		description:
			"The files' format; Auto-Detect reads the file name or MIME type and falls back on the content",
		type: 'options',
		options: [
			{ name: 'Auto-Detect (From Name or MIME Type)', value: 'auto' },
			{ name: 'CSV Export', value: 'csv' },
			{ name: 'EML (One Message)', value: 'eml' },
			{ name: 'JSON Export', value: 'json' },
			{ name: 'Mbox', value: 'mbox' },
		],
		default: 'auto',
		displayOptions: fromFiles,
	},
	{
		displayName: 'Search',
		name: 'gmailQuery',
		type: 'string',
		default: 'in:sent',
		placeholder: 'e.g. in:sent after:2026/01/01',
		description: "Gmail search syntax; in:sent reads the brand's own sent mail",
		displayOptions: { show: { source: ['gmail'] } },
	},
	{
		displayName: 'Limit',
		name: 'gmailLimit',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'The newest N messages; 0 for all',
		displayOptions: { show: { source: ['gmail'] } },
	},
	{
		displayName: 'Folder',
		name: 'outlookFolder',
		type: 'string',
		default: 'sentitems',
		placeholder: 'e.g. sentitems, inbox, or a folder ID',
		description:
			"A well-known folder name or a folder ID; sentitems reads the brand's own sent mail",
		displayOptions: { show: { source: ['outlook'] } },
	},
	{
		displayName: 'Since',
		name: 'outlookSince',
		type: 'dateTime',
		default: '',
		description: 'Only mail received on or after this day; empty for all',
		displayOptions: { show: { source: ['outlook'] } },
	},
	{
		displayName: 'Filter',
		name: 'outlookFilter',
		type: 'string',
		default: '',
		placeholder: "e.g. from/emailAddress/address eq 'rep@brand.com'",
		description:
			'An OData filter on message properties, combined with Since; empty for every message',
		displayOptions: { show: { source: ['outlook'] } },
	},
	{
		displayName: 'Limit',
		name: 'outlookLimit',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'The newest N messages; 0 for all',
		displayOptions: { show: { source: ['outlook'] } },
	},
	{
		displayName: 'Folder',
		name: 'imapFolder',
		type: 'string',
		default: 'INBOX',
		placeholder: 'e.g. Sent, [Gmail]/Sent Mail',
		description: "For the brand's own sales mail this is usually the Sent folder",
		displayOptions: { show: { source: ['imap'] } },
	},
	{
		displayName: 'Since',
		name: 'imapSince',
		type: 'dateTime',
		default: '',
		description: 'Only mail received on or after this day; empty for all',
		displayOptions: { show: { source: ['imap'] } },
	},
	{
		displayName: 'Limit',
		name: 'imapLimit',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'The newest N messages; 0 for all',
		displayOptions: { show: { source: ['imap'] } },
	},
	{
		displayName: 'Field Paths',
		name: 'fieldPaths',
		type: 'collection',
		placeholder: 'Add Field Path',
		default: {},
		description:
			"Where to find each field in the items; the defaults read n8n's Gmail, IMAP and Outlook nodes and plain columns (subject, body, from, to, date)",
		displayOptions: fromItems,
		options: [
			pathOption('Body', 'body', 'e.g. text'),
			pathOption('From', 'from', 'e.g. from.text'),
			pathOption('HTML', 'html', 'e.g. html'),
			pathOption('Message ID', 'id', 'e.g. messageId'),
			pathOption('Sent At', 'sentAt', 'e.g. date'),
			pathOption('Subject', 'subject', 'e.g. subject'),
			pathOption('Thread ID', 'threadId', 'e.g. threadId'),
			pathOption('To', 'to', 'e.g. to.text'),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		description: 'Optional settings of the ingest',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: 500,
				description: 'Messages stored per transaction',
			},
			{
				displayName: 'Charset of CSV and JSON Files',
				name: 'charset',
				type: 'string',
				default: 'auto',
				placeholder: 'e.g. windows-1252',
				description:
					'"auto" reads UTF-8, and Windows-1252 (with a warning on each message) when the bytes are not UTF-8; or name the charset the export was saved in. A byte-order mark always wins.',
				displayOptions: { show: { '/source': ['file'] } },
			},
			{
				displayName: 'Date Order',
				name: 'dateOrder',
				type: 'options',
				default: 'auto',
				options: [
					{
						name: 'Auto (Only Unambiguous)',
						value: 'auto',
						description:
							'31/12/2025 and 12/31/2025 are read; 03/04/2025 is stored undated with a warning',
					},
					{ name: 'Day/Month/Year', value: 'dmy' },
					{ name: 'Month/Day/Year', value: 'mdy' },
				],
				description:
					"How dates like 03/04/2025 in CSV, JSON or item fields are read. Dates without a time zone are in the workflow's time zone.",
				displayOptions: { show: { '/source': ['file', 'items'] } },
			},
			{
				displayName: 'Gmail API URL',
				name: 'gmailApiUrl',
				type: 'string',
				default: '',
				placeholder: 'https://gmail.googleapis.com/',
				description: "Only for a proxy in front of Google's API; empty for Google itself",
				displayOptions: { show: { '/source': ['gmail'] } },
			},
			{
				displayName: 'Microsoft Graph URL',
				name: 'graphApiUrl',
				type: 'string',
				default: '',
				placeholder: 'https://graph.microsoft.com',
				description: 'Only for a national cloud or a proxy; empty for graph.microsoft.com',
				displayOptions: { show: { '/source': ['outlook'] } },
			},
		],
	},
];
