import type { Campaign } from '../../campaign/types';
import type { RenderIdentity } from './spamCheck';

/** The unsubscribe link a draft is scored with when no unsubscribe credential is given. */
export const STAND_IN_UNSUBSCRIBE_URL = 'https://unsubscribe.invalid/sales-engine/unsubscribe';

/**
 * Who a draft is scored as being from, as the send worker will build it: the campaign's sender
 * (else an address at the brand's website), its postal address, and the unsubscribe link of the
 * given Unsubscribe credential (else a stand-in link of the same shape).
 */
export function renderIdentity(
	campaign: Campaign,
	unsubscribe?: { unsubscribeUrl?: string; secret?: string },
): RenderIdentity {
	const host = campaign.brand.website
		? new URL(campaign.brand.website).hostname
		: 'example.invalid';
	return {
		campaignId: campaign.id,
		from: {
			address: campaign.sender.email ?? `sales@${host}`,
			...(campaign.sender.name ? { name: campaign.sender.name } : {}),
			...(campaign.sender.replyTo ? { replyTo: campaign.sender.replyTo } : {}),
		},
		postalAddress: campaign.sender.postalAddress ?? '',
		unsubscribeUrl: unsubscribe?.unsubscribeUrl || STAND_IN_UNSUBSCRIBE_URL,
		unsubscribeSecret: unsubscribe?.secret || 'spam-check-rendering-only',
	};
}
