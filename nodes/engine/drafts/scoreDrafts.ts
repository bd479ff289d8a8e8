import type { BlueprintBody } from '../blueprint/types';
import type { Campaign } from '../campaign/types';
import { withSpamVerdict } from '../enforcer/spamVerdict';
import { renderIdentity } from '../send/spam/renderIdentity';
import { spamChecker, type SpamSettings } from '../send/spam/spamCheck';
import { draftHash, draftHtml } from './draftHtml';
import type { NewDraft } from './storeDrafts';
import type { Prospect } from './types';

/**
 * Every new draft scored by spamd as it will be sent, and its lint given the verdict against the
 * Blueprint's spam-score limit (over it: `needs_edit`). Returns why the check is off, when it is.
 */
export async function scoreDrafts(
	drafts: NewDraft[],
	body: BlueprintBody,
	campaign: Campaign,
	prospects: Map<string, Prospect>,
	settings: SpamSettings & { unsubscribe?: { unsubscribeUrl?: string; secret?: string } },
): Promise<string | undefined> {
	const checker = spamChecker(settings);
	if (checker.off) return checker.off;
	const identity = renderIdentity(campaign, settings.unsubscribe);
	try {
		await Promise.all(
			drafts.map(async (d) => {
				const html = draftHtml(d.touch.bodyText);
				const spam = await checker.score(
					{
						prospectId: d.prospectId,
						to: prospects.get(d.prospectId)?.email ?? '',
						step: d.touch.step,
						subject: d.touch.subject,
						bodyText: d.touch.bodyText,
						bodyHtml: html,
						contentHash: draftHash(d.touch.subject, d.touch.bodyText, html),
					},
					identity,
				);
				d.lint = { ...d.lint, ...withSpamVerdict(body, d.lint, spam) };
			}),
		);
	} finally {
		checker.close();
	}
	return undefined;
}
