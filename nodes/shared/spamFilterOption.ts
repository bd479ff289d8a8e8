import type { INodeProperties } from 'n8n-workflow';

/** The spamd address option, shared by the nodes that score text with SpamAssassin. */
export const spamFilterOption: INodeProperties = {
	displayName: 'Spam Filter (Spamd)',
	name: 'spamd',
	type: 'string',
	default: '',
	placeholder: 'e.g. 127.0.0.1:783',
	description:
		"SpamAssassin's spamd (host:port) that scores each draft as it will be sent; empty: SALES_ENGINE_SPAMD, else no spam check (and the approval page says so)",
};
