import type { INodeProperties } from 'n8n-workflow';

/** The resolvers an operation asks DNS through, for `what` (the option's description names it). */
export const dnsServersOption = (what: string): INodeProperties => ({
	displayName: 'DNS Servers',
	name: 'dnsServers',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1.1.1.1, 8.8.8.8',
	description: `Comma-separated resolvers (host or host:port) ${what} asks; empty: SALES_ENGINE_DNS_SERVERS, else the machine's own`,
});

/** A comma-separated option as a list, blanks dropped. */
export const commaList = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
