import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Where unsubscribe links point and the secret that signs them: one place for both, read by the
 * Sales Sender when it sends (every link carries a token signed with the secret) and when the
 * Unsubscribe workflow checks a token. Kept in a credential so the secret never lands in node
 * parameters, Set nodes or execution data. Tested by the Sales Sender's `salesEngineUnsubscribeTest`.
 */
export class SalesEngineUnsubscribeApi implements ICredentialType {
	name = 'salesEngineUnsubscribeApi';

	displayName = 'Sales Engine Unsubscribe API';

	icon: Icon = {
		light: 'file:../nodes/SalesSender/salesSender.svg',
		dark: 'file:../nodes/SalesSender/salesSender.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-sales-engine/n8n-nodes-sales-engine#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Unsubscribe URL',
			name: 'unsubscribeUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://n8n.example.com/webhook/sales-engine/unsubscribe',
			description:
				"The public https address of the Unsubscribe workflow's webhook; every message links to it with a signed token",
		},
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Random, 128 bits or more: make one with openssl rand -base64 32. Signs every unsubscribe token; changing it breaks the links already sent.',
		},
	];
}
