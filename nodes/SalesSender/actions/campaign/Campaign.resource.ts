import type { INodeProperties } from 'n8n-workflow';

import * as checkDeliverability from './checkDeliverability.operation';
import * as listUnknown from './listUnknown.operation';
import * as requeueFailed from './requeueFailed.operation';
import * as resolveUnknown from './resolveUnknown.operation';
import * as resume from './resume.operation';
import * as send from './send.operation';
import * as sendPlacementTest from './sendPlacementTest.operation';

export const operations = {
	send,
	checkDeliverability,
	listUnknown,
	requeueFailed,
	resolveUnknown,
	resume,
	sendPlacementTest,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Check Deliverability',
				value: 'checkDeliverability',
				description:
					"Check each sending domain's SPF, DKIM and DMARC, the reply domain's MX, the unsubscribe endpoint and the postal address, with the exact DNS record to add for each failure",
				action: 'Check deliverability',
			},
			{
				name: 'List Unknown Sends',
				value: 'listUnknown',
				description:
					'The sends whose answer was lost (the message may have left): one item each, with its Message-ID to look up',
				action: 'List unknown sends',
			},
			{
				name: 'Requeue Failed Sends',
				value: 'requeueFailed',
				description:
					'Put sends the provider refused back in the queue (after fixing a credential or an account problem); suppressed addresses stay failed (audited)',
				action: 'Requeue failed sends',
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
			{
				name: 'Send Due Drafts',
				value: 'send',
				description: 'Send the approved drafts that are due, within every limit',
				action: 'Send due drafts',
			},
			{
				name: 'Send Placement Test',
				value: 'sendPlacementTest',
				description:
					'Send an approved draft from each sending mailbox to your own seed mailboxes (Gmail, Microsoft 365, IMAP); Incoming Mail → Read Placement Seed reads where each landed',
				action: 'Send a placement test to seed mailboxes',
			},
		],
		default: 'send',
	},
	...send.description,
	...checkDeliverability.description,
	...listUnknown.description,
	...requeueFailed.description,
	...resolveUnknown.description,
	...resume.description,
	...sendPlacementTest.description,
];
