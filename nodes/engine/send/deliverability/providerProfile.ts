import type { DkimSettings } from './dkimKey';
import type { DnsLookup } from './dnsLookup';
import type { PreflightInput } from './preflight';

/** What the preflight needs to know of the provider in use. */
export type ProviderProfileInput =
	| { provider: 'smtp'; host: string; dkim?: DkimSettings; dkimSelectors?: string[] }
	| { provider: 'gmail' | 'microsoft365' | 'sendgrid' | 'ses'; dkimSelectors?: string[] };

/**
 * How SPF names each provider's servers and which DKIM selectors it signs with by default: Google
 * Workspace publishes `google._domainkey`, Microsoft 365 `selector1`/`selector2`, SendGrid's domain
 * authentication `s1`/`s2`; SES's Easy DKIM selectors are per-identity tokens, so they must be
 * given; the own MTA is named by its addresses, and signs with the credential's key when there is
 * one.
 */
export async function providerProfile(
	dns: DnsLookup,
	input: ProviderProfileInput,
): Promise<Pick<PreflightInput, 'spf' | 'dkim'>> {
	const selectors = (input.dkimSelectors ?? []).map((s) => s.trim()).filter(Boolean);
	if (input.provider === 'smtp')
		return {
			spf: { kind: 'host', host: input.host, addresses: await dns.addresses(input.host) },
			dkim: input.dkim ? { key: input.dkim } : { provider: 'your SMTP server', selectors },
		};
	if (input.provider === 'gmail')
		return {
			spf: { kind: 'include', label: 'Google Workspace', include: '_spf.google.com' },
			dkim: { provider: 'Google Workspace', selectors: selectors.length ? selectors : ['google'] },
		};
	if (input.provider === 'microsoft365')
		return {
			spf: { kind: 'include', label: 'Microsoft 365', include: 'spf.protection.outlook.com' },
			dkim: {
				provider: 'Microsoft 365',
				selectors: selectors.length ? selectors : ['selector1', 'selector2'],
			},
		};
	if (input.provider === 'sendgrid')
		return {
			spf: { kind: 'include', label: 'SendGrid', include: 'sendgrid.net' },
			dkim: { provider: 'SendGrid', selectors: selectors.length ? selectors : ['s1', 's2'] },
		};
	return {
		spf: { kind: 'include', label: 'Amazon SES', include: 'amazonses.com' },
		dkim: { provider: 'Amazon SES', selectors },
	};
}
