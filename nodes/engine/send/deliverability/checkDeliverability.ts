import { recordEvent } from '../../audit/recordEvent';
import { loadCampaign } from '../../campaign/getCampaign';
import type { Engine } from '../../Engine';
import { invalidInput } from '../../errors';
import { emailDomain } from '../../mail/emailAddress';
import type { Mailbox } from '../types';
import type { Check } from './Check';
import type { DnsLookup } from './dnsLookup';
import { preflight, type PreflightResult } from './preflight';
import { providerProfile, type ProviderProfileInput } from './providerProfile';

/** Sending mailboxes and the provider they send through, as the preflight sees them. */
export interface CheckedRoute {
	provider: ProviderProfileInput;
	mailboxes: Mailbox[];
}

export interface DeliverabilityOptions {
	campaignId: string;
	routes: CheckedRoute[];
	unsubscribeUrl: string;
	/** The sending secret: signs the unsubscribe check's probe token. */
	unsubscribeSecret?: string;
	/** How the unsubscribe endpoint is asked (the global fetch by default). */
	fetch?: typeof fetch;
	dns: DnsLookup;
	actor?: string;
}

export type DeliverabilityResult = PreflightResult & {
	campaignId: string;
	provider: string;
	/** What was checked, `provider:domain` sorted: a later run with more is checked again. */
	scope: string[];
};

/** `provider:domain` of every sending mailbox of the routes, sorted. */
export function deliverabilityScope(routes: CheckedRoute[]): string[] {
	const scope = routes.flatMap((r) =>
		r.mailboxes.map((m) => `${r.provider.provider}:${emailDomain(m.address).toLowerCase()}`),
	);
	return [...new Set(scope)].sort();
}

/**
 * The preflight of a campaign's sending set-up: every sending mailbox's domain against the
 * provider it sends through, where replies go, the unsubscribe endpoint and the postal address.
 * The verdict is kept in the campaign's audit trail (`deliverability_checked`) with every failing
 * check and what was checked.
 */
export async function checkDeliverability(
	engine: Engine,
	o: DeliverabilityOptions,
): Promise<DeliverabilityResult> {
	const campaign = await loadCampaign(engine.db, o.campaignId);
	// None listed: the campaign's own sender address.
	const routes = o.routes.map((r) => ({
		...r,
		mailboxes: r.mailboxes.length
			? r.mailboxes
			: campaign.sender.email
				? [{ address: campaign.sender.email, replyTo: campaign.sender.replyTo }]
				: [],
	}));
	if (!routes.some((r) => r.mailboxes.length))
		throw invalidInput('Give at least one sending mailbox (or a sender address on the campaign)');
	const bad = routes.flatMap((r) => r.mailboxes).find((m) => !emailDomain(m.address));
	if (bad) throw invalidInput(`The sending mailbox "${bad.address}" is not an email address`);
	const results = await Promise.all(
		routes
			.filter((r) => r.mailboxes.length)
			.map(async (r) =>
				preflight(o.dns, {
					fromDomains: r.mailboxes.map((m) => emailDomain(m.address)),
					replyToDomains: r.mailboxes
						.map((m) => emailDomain(m.replyTo ?? campaign.sender.replyTo ?? m.address))
						.filter(Boolean),
					...(await providerProfile(o.dns, r.provider)),
					unsubscribeUrl: o.unsubscribeUrl,
					unsubscribeSecret: o.unsubscribeSecret,
					fetch: o.fetch,
					postalAddress: campaign.sender.postalAddress ?? '',
				}),
			),
	);
	// Checks every route makes alike (MX, unsubscribe, postal address) are listed once.
	const checks = new Map<string, Check>();
	for (const c of results.flatMap((r) => r.checks))
		checks.set(JSON.stringify([c.check, c.domain, c.message]), c);
	const all = [...checks.values()];
	const provider = [...new Set(routes.map((r) => r.provider.provider))].join(', ');
	const result = { ok: all.every((c) => c.ok), checks: all };
	const scope = deliverabilityScope(routes);
	await recordEvent(engine.db, {
		campaignId: campaign.id,
		type: 'deliverability_checked',
		actor: o.actor,
		data: { provider, ok: result.ok, scope, failing: all.filter((c) => !c.ok) },
	});
	return { campaignId: campaign.id, provider, scope, ...result };
}
