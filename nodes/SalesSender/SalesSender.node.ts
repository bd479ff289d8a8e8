import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { searchCampaigns } from '../shared/campaignLocator';
import { docsUrl } from '../shared/docsUrl';
import { operationOf } from '../shared/operationOf';
import { runPerItem } from '../shared/runPerItem';
import { engineOnce, salesEngineStoreTest, storeNotice } from '../shared/storeCredential';
import * as campaign from './actions/campaign/Campaign.resource';
import * as incomingMail from './actions/incomingMail/IncomingMail.resource';
import * as killSwitch from './actions/killSwitch/KillSwitch.resource';
import * as recipient from './actions/recipient/Recipient.resource';
import type { Action } from './actions/types';
import { salesEngineDkimTest } from './actions/dkimCredential';
import { salesEngineUnsubscribeTest } from './actions/unsubscribeCredential';

export class SalesSender implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sales Sender',
		name: 'salesSender',
		icon: { light: 'file:salesSender.svg', dark: 'file:salesSender.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Sends approved drafts at most once, within limits and windows, behind kill switches and suppressions',
		defaults: { name: 'Sales Sender' },
		documentationUrl: docsUrl('sales-sender'),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// An agent may drive it too: it only ever sends drafts a human approved.
		usableAsTool: true,
		// Inline so n8n's static checks can read it; optional: no credential means the embedded store.
		credentials: [
			{ name: 'salesEngineStoreApi', required: false, testedBy: 'salesEngineStoreTest' },
			// The unsubscribe URL and the secret that signs the links: a credential, so the secret
			// never appears in parameters or execution data.
			{
				name: 'salesEngineUnsubscribeApi',
				required: true,
				testedBy: 'salesEngineUnsubscribeTest',
				displayOptions: {
					show: {
						resource: ['campaign', 'recipient'],
						operation: ['send', 'checkDeliverability', 'unsubscribe', 'sendPlacementTest'],
					},
				},
			},
			// n8n's own SMTP, SendGrid and AWS credentials, which users already hold for the Send Email,
			// SendGrid and AWS SES nodes; n8n resolves credential types by name at run time. SMTP, Gmail
			// and Outlook are optional: with several kinds of mailbox only the kinds listed need theirs
			// (n8n finds a credential by its first entry, so one entry each), and the run names a
			// missing one.
			{
				// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references, n8n-nodes-base/node-class-description-credentials-name-unsuffixed
				name: 'smtp',
				required: false,
				displayOptions: {
					show: {
						resource: ['campaign'],
						operation: ['send', 'checkDeliverability', 'sendPlacementTest'],
						provider: ['smtp', 'mixed'],
					},
				},
			},
			// Optional: signs what leaves through the user's own MTA.
			{
				name: 'salesEngineDkimApi',
				required: false,
				testedBy: 'salesEngineDkimTest',
				displayOptions: {
					show: {
						resource: ['campaign'],
						operation: ['send', 'checkDeliverability', 'sendPlacementTest'],
						provider: ['smtp', 'mixed'],
					},
				},
			},
			{
				// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references
				name: 'gmailOAuth2',
				required: false,
				displayOptions: {
					show: {
						resource: ['campaign', 'incomingMail'],
						operation: ['send', 'readMailbox', 'sendPlacementTest', 'readPlacement'],
						provider: ['gmail', 'mixed'],
					},
				},
			},
			{
				// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references
				name: 'microsoftOutlookOAuth2Api',
				required: false,
				displayOptions: {
					show: {
						resource: ['campaign', 'incomingMail'],
						operation: ['send', 'readMailbox', 'sendPlacementTest', 'readPlacement'],
						provider: ['microsoft365', 'mixed'],
					},
				},
			},
			// Replies read from an IMAP sending mailbox.
			{
				// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references
				name: 'imap',
				required: true,
				displayOptions: {
					show: {
						resource: ['incomingMail'],
						operation: ['readMailbox', 'readPlacement'],
						provider: ['imap'],
					},
				},
			},
			{
				// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references
				name: 'aws',
				required: true,
				displayOptions: {
					show: {
						resource: ['campaign'],
						operation: ['send', 'sendPlacementTest'],
						provider: ['ses'],
					},
				},
			},
			{
				// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references
				name: 'sendGridApi',
				required: true,
				displayOptions: {
					show: {
						resource: ['campaign'],
						operation: ['send', 'sendPlacementTest'],
						provider: ['sendgrid'],
					},
				},
			},
		],
		properties: [
			storeNotice,
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
			...campaign.description,
			...incomingMail.description,
			...killSwitch.description,
			...recipient.description,
		],
	};

	methods = {
		credentialTest: { salesEngineStoreTest, salesEngineUnsubscribeTest, salesEngineDkimTest },
		listSearch: { searchCampaigns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const action = operationOf<Action>(this, {
			campaign: campaign.operations,
			incomingMail: incomingMail.operations,
			killSwitch: killSwitch.operations,
			recipient: recipient.operations,
		});
		const engine = engineOnce(this);
		return await runPerItem(this, async (i) => await action(this, await engine, i));
	}
}
