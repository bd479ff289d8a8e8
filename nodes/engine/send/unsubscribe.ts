import { recordEvent } from '../audit/recordEvent';
import type { Engine } from '../Engine';
import { PROBE_ADDRESS, PROBE_CAMPAIGN } from './deliverability/unsubscribeEndpointCheck';
import { addSuppression } from './suppressions';
import { checkUnsubscribeSettings } from './unsubscribeSettings';
import { verifyUnsubscribeToken } from './unsubscribeToken';

/**
 * The one-click unsubscribe (RFC 8058): the signed token is the only authority needed — so the
 * secret is held to the same rule as for sending real mail (a short or the shipped placeholder
 * secret would let anyone unsubscribe any address). Idempotent: the second click changes nothing
 * and says so. The address is suppressed for every campaign.
 */
export async function unsubscribe(
	engine: Engine,
	secret: string,
	token: string,
	source = 'one-click',
): Promise<{ email: string; campaignId: string; alreadyUnsubscribed: boolean }> {
	checkUnsubscribeSettings({ secret }, true);
	const { campaignId, email } = verifyUnsubscribeToken(secret, token);
	// The deliverability check's signed probe: answered like a real one-click, nothing stored.
	if (campaignId === PROBE_CAMPAIGN && email === PROBE_ADDRESS)
		return { email, campaignId, alreadyUnsubscribed: false };
	return await engine.db.transaction(async (tx) => {
		const { created } = await addSuppression(tx, {
			kind: 'unsubscribed',
			value: email,
			source,
			reason: `campaign ${campaignId}`,
		});
		if (created) {
			const { rows } = await tx.query<{ id: string }>(
				'select id from campaigns where id::text = $1',
				[campaignId],
			);
			await recordEvent(tx, {
				campaignId: rows[0]?.id ?? null,
				type: 'unsubscribed',
				actor: source,
				data: { email },
			});
		}
		return { email, campaignId, alreadyUnsubscribed: !created };
	});
}
