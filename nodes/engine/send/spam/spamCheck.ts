import { plainTextHtml } from '../../mail/plainTextHtml';
import { buildMessage } from '../buildMessage';
import { mimeComposer } from '../providers/mimeComposer';
import { Semaphore } from '../../util/semaphore';
import { locateHits, type LocatedHit } from './locateHits';
import { parseSpamdAddress, spamdReport, type SpamdAddress } from './spamdClient';
import { parseReport } from './spamReport';

/** What the spam filter said about one draft, rendered as it will be sent. */
export interface SpamScore {
	status: 'scored';
	score: number;
	/** spamd's own line (its `required_score`): above it the receiver's filter calls it spam. */
	required: number;
	hits: LocatedHit[];
	/** False when spamd does not run the pattern-hits plugin: the rules are listed, not placed. */
	located: boolean;
	/** The Blueprint's spam-score limit the score was judged against. */
	limit?: number;
	/** The draft's content hash the score is for: an edit makes it stale. */
	contentHash?: string;
	spamd: string;
}

/**
 * Not scored, said plainly and never a pass: the check is not set up (`off`), spamd failed for this
 * draft (`error`), or the score was for the text before an edit (`stale`).
 */
export interface SpamUnscored {
	status: 'off' | 'error' | 'stale';
	reason: string;
}

export type SpamResult = SpamScore | SpamUnscored;

export interface SpamSettings {
	/** `host:port` of spamd; none: SALES_ENGINE_SPAMD; neither: the check is off. */
	spamd?: string;
	timeoutMs?: number;
}

/** The sender and footer a draft is rendered with, as the send worker will build it. */
export interface RenderIdentity {
	campaignId: string;
	from: { address: string; name?: string; replyTo?: string };
	postalAddress: string;
	unsubscribeUrl: string;
	unsubscribeSecret: string;
}

export interface ScorableDraft {
	prospectId: string;
	to: string;
	step: number;
	subject: string;
	bodyText: string;
	/** The HTML part; absent: the text's own (what drafts carry). */
	bodyHtml?: string;
	contentHash?: string;
}

export const NETWORK_NOTE =
	'Network tests (DNS blocklists, Razor, Pyzor, URI blocklists) count only when spamd can reach the network; a spamd run with -L (as the tests and the shipped compose file do) skips them.';

/** The spamd address in force, or why the check is off. */
export function spamdSetting(settings: SpamSettings): { address?: SpamdAddress; off?: string } {
	const text = (settings.spamd ?? process.env.SALES_ENGINE_SPAMD ?? '').trim();
	if (!text)
		return {
			off: 'No spamd address is set (the Spam Filter option, or SALES_ENGINE_SPAMD): drafts are not scored.',
		};
	return { address: parseSpamdAddress(text) };
}

/**
 * Scores drafts with SpamAssassin's spamd: each rendered exactly as a send would build it (the
 * engine's MIME: headers, List-Unsubscribe, footer with the postal address and the unsubscribe
 * link), at most `concurrency` at a time. A draft spamd could not score says why; it never counts
 * as clean.
 */
export function spamChecker(settings: SpamSettings, concurrency = 4) {
	const { address, off } = spamdSetting(settings);
	const composer = mimeComposer();
	const slots = new Semaphore(concurrency);
	const where = address ? `${address.host}:${address.port}` : '';
	return {
		off,
		async score(draft: ScorableDraft, identity: RenderIdentity): Promise<SpamResult> {
			if (!address) return { status: 'off', reason: off as string };
			// Built inside the slot: a run of thousands of drafts holds a few messages at a time.
			return slots.run(async () => {
				const message = buildMessage(
					{
						...draft,
						bodyHtml: draft.bodyHtml ?? plainTextHtml(draft.bodyText),
						campaignId: identity.campaignId,
						thread: [],
					},
					identity.from,
					{
						unsubscribeUrl: identity.unsubscribeUrl,
						secret: identity.unsubscribeSecret,
						postalAddress: identity.postalAddress,
					},
				);
				const raw = ((await composer.sendMail(message)) as unknown as { message: Buffer }).message;
				try {
					const answer = await spamdReport(address, raw, settings.timeoutMs);
					const { hits, located } = parseReport(answer.report);
					return {
						status: 'scored',
						score: answer.score,
						required: answer.required,
						hits: locateHits(hits, {
							subject: draft.subject,
							bodyText: draft.bodyText,
							footerText: String(message.text).slice(draft.bodyText.length),
						}),
						located,
						...(draft.contentHash ? { contentHash: draft.contentHash } : {}),
						spamd: where,
					} satisfies SpamScore;
				} catch (error) {
					return { status: 'error', reason: (error as Error).message } satisfies SpamUnscored;
				}
			});
		},
		close: () => composer.close(),
	};
}
