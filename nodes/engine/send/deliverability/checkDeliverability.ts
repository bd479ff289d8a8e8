import { recordEvent } from '../../audit/recordEvent';
import { loadCampaign } from '../../campaign/getCampaign';
import type { Engine } from '../../Engine';
import { invalidInput } from '../../errors';
import { emailDomain } from '../../mail/emailAddress';
import type { Mailbox } from '../types';
import type { DnsLookup } from './dnsLookup';
import { preflight, type PreflightResult } from './preflight';
import { providerProfile, type ProviderProfileInput } from './providerProfile';

export interface DeliverabilityOptions {
	campaignId: string;
	provider: ProviderProfileInput;
	mailboxes: Mailbox[];
	unsubscribeUrl: string;
	dns: DnsLookup;
	actor?: string;
}

/**
 * The preflight of a campaign's sending set-up: every sending mailbox's domain, where replies go,
 * the unsubscribe endpoint and the postal address. The verdict is kept in the campaign's audit
 * trail (`deliverability_checked`) with every failing check.
 */
export async function checkDeliverability(
	engine: Engine,
	o: DeliverabilityOptions,
): Promise<PreflightResult & { campaignId: string; provider: string }> {
	const campaign = await loadCampaign(engine.db, o.campaignId);
	const mailboxes = o.mailboxes.length
		? o.mailboxes
		: campaign.sender.email
			? [{ address: campaign.sender.email, replyTo: campaign.sender.replyTo }]
			: [];
	if (!mailboxes.length)
		throw invalidInput('Give at least one sending mailbox (or a sender address on the campaign)');
	const fromDomains = mailboxes.map((m) => emailDomain(m.address));
	const bad = mailboxes.find((_, i) => !fromDomains[i]);
	if (bad) throw invalidInput(`The sending mailbox "${bad.address}" is not an email address`);
	const replyToDomains = mailboxes.map((m) =>
		emailDomain(m.replyTo ?? campaign.sender.replyTo ?? m.address),
	);
	const result = await preflight(o.dns, {
		fromDomains,
		replyToDomains: replyToDomains.filter(Boolean),
		...(await providerProfile(o.dns, o.provider)),
		unsubscribeUrl: o.unsubscribeUrl,
		postalAddress: campaign.sender.postalAddress ?? '',
	});
	await recordEvent(engine.db, {
		campaignId: campaign.id,
		type: 'deliverability_checked',
		actor: o.actor,
		data: {
			provider: o.provider.provider,
			ok: result.ok,
			failing: result.checks.filter((c) => !c.ok),
		},
	});
	return { campaignId: campaign.id, provider: o.provider.provider, ...result };
}
