import type { INodeProperties } from 'n8n-workflow';

import * as intake from './intake.operation';
import * as readMailbox from './readMailbox.operation';
import * as readPlacement from './readPlacement.operation';

export const operations = { intake, readMailbox, readPlacement };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['incomingMail'] } },
		options: [
			{
				name: 'Process Replies and Bounces',
				value: 'intake',
				description:
					'Read incoming mail: a reply stops the sequence, a hard bounce or complaint suppresses the address, an auto-reply is only recorded',
				action: 'Process replies and bounces',
			},
			{
				name: 'Read Sending Mailbox',
				value: 'readMailbox',
				description:
					'Read what arrived in a sending mailbox (Gmail, Microsoft 365, IMAP) since the last read and process it: each message once',
				action: 'Read a sending mailbox for replies',
			},
			{
				name: 'Read Placement Seed',
				value: 'readPlacement',
				description:
					"Read one seed mailbox for the campaign's latest placement test: where each test message landed (Inbox, Spam, a Gmail tab) or not arrived",
				action: 'Read a seed mailbox for the placement test',
			},
		],
		default: 'intake',
	},
	...intake.description,
	...readMailbox.description,
	...readPlacement.description,
];
