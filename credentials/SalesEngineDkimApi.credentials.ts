import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * A DKIM key for messages the Sales Sender sends through SMTP (the user's own MTA or relay): the
 * messages are signed with it before they leave (nodemailer's DKIM signer). Gmail, Microsoft 365,
 * SendGrid and SES sign with their own keys. Tested by the Sales Sender's `salesEngineDkimTest`,
 * which reads the key and compares it with the public key published in DNS.
 */
export class SalesEngineDkimApi implements ICredentialType {
	name = 'salesEngineDkimApi';

	displayName = 'Sales Engine DKIM API';

	icon: Icon = {
		light: 'file:../nodes/SalesSender/salesSender.svg',
		dark: 'file:../nodes/SalesSender/salesSender.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-sales-engine/n8n-nodes-sales-engine#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Domain',
			name: 'domainName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. northwind.com',
			description:
				"The domain the signature is made for (d=): the sending mailboxes' domain, so DMARC sees it aligned",
		},
		{
			displayName: 'Selector',
			name: 'keySelector',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. sales2026',
			description:
				'The selector (s=): the public key is published as a TXT record at <selector>._domainkey.<domain>',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 6 },
			default: '',
			required: true,
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description: 'The RSA private key (2048 bits advised), in PEM',
		},
	];
}
