import { type Check, verdicts } from './Check';
import type { DkimSettings } from './dkimKey';
import { dkimPresenceCheck, dkimRecordCheck } from './dkimRecordCheck';
import { dmarcCheck } from './dmarcCheck';
import type { DnsLookup } from './dnsLookup';
import { mxCheck } from './mxCheck';
import { type SpfSender, spfCheck } from './spfCheck';
import { unsubscribeEndpointCheck } from './unsubscribeEndpointCheck';

export interface PreflightInput {
	/** The domains of the sending mailboxes' From addresses. */
	fromDomains: string[];
	/** Where replies go (Reply-To, else From). */
	replyToDomains: string[];
	/** The provider's servers as SPF names them. */
	spf: SpfSender;
	/** SMTP with a key: the key to find in DNS; a provider signing itself: its name and selectors. */
	dkim: { key: DkimSettings } | { provider: string; selectors: string[] };
	unsubscribeUrl: string;
	/** Signs the endpoint check's probe token (the sending secret). */
	unsubscribeSecret?: string;
	/** How the unsubscribe endpoint is asked: the global fetch, or one trusting a private CA. */
	fetch?: typeof fetch;
	postalAddress: string;
}

export interface PreflightResult {
	ok: boolean;
	checks: Check[];
}

const unique = (values: string[]) => [...new Set(values.map((v) => v.trim().toLowerCase()))];

/** A check that could not run (DNS down, say) fails with the reason: no verdict is no pass. */
async function guarded(check: Check['check'], domain: string, run: () => Promise<Check>) {
	try {
		return await run();
	} catch (error) {
		return verdicts(check, domain).fail({
			message: `The ${check.toUpperCase()} check of ${domain} could not run: ${(error as Error).message}`,
			fix: 'Check that the DNS servers answer, then run the check again',
		});
	}
}

/**
 * Everything receivers and the law check before they trust bulk mail, for every sending domain:
 * SPF covering the provider, DKIM, DMARC, MX for replies, a one-click unsubscribe endpoint that
 * answers, the postal address. `ok` only when every check passed.
 */
export async function preflight(dns: DnsLookup, input: PreflightInput): Promise<PreflightResult> {
	const checks: Array<Promise<Check>> = [];
	for (const domain of unique(input.fromDomains)) {
		checks.push(guarded('spf', domain, () => spfCheck(dns, domain, input.spf)));
		const dkim = input.dkim;
		checks.push(
			guarded('dkim', domain, () =>
				'key' in dkim
					? dkimRecordCheck(dns, dkim.key)
					: dkimPresenceCheck(dns, domain, dkim.selectors, dkim.provider),
			),
		);
		const signingDomain = 'key' in dkim ? dkim.key.domainName : undefined;
		checks.push(guarded('dmarc', domain, () => dmarcCheck(dns, domain, { signingDomain })));
	}
	for (const domain of unique(input.replyToDomains))
		checks.push(guarded('mx', domain, () => mxCheck(dns, domain)));
	checks.push(
		unsubscribeEndpointCheck(input.unsubscribeUrl, {
			secret: input.unsubscribeSecret,
			fetch: input.fetch,
		}),
	);
	const address = input.postalAddress.trim();
	const postal = verdicts('postalAddress', '');
	checks.push(
		Promise.resolve(
			address
				? postal.pass({ message: `Postal address: ${address}` })
				: postal.fail({
						message: 'The campaign has no postal address',
						fix: "Set the sender's postal address on the campaign: every message must carry it",
					}),
		),
	);
	const all = await Promise.all(checks);
	return { ok: all.every((c) => c.ok), checks: all };
}
