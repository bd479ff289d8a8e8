import type { Campaign } from '../campaign/types';
import type { Queryable } from '../store/Db';
import { renderIdentity } from '../send/spam/renderIdentity';
import { spamChecker, type SpamSettings } from '../send/spam/spamCheck';
import { round } from '../stats/intervals';
import type { Rule } from './types';

/** SpamAssassin's own default `required_score`: the line when nothing else is known. */
export const SPAMASSASSIN_REQUIRED = 5;
/** How far above the brand's own mail a draft may score: the usual spread of one extra rule. */
const MARGIN = 1;
/** Never tighter than this: a brand whose mail scores 0 still writes drafts that score a little. */
const FLOOR = 1.5;
/** The brand's emails scored, newest first, and how many must score for the limit to be learned. */
const SAMPLE = 40;
const MIN_SCORED = 5;

const fallback = (text: string, note: string, max = SPAMASSASSIN_REQUIRED): Rule => ({
	id: 'spam_score',
	kind: 'limit',
	text: `SpamAssassin score at most ${max} (${text})`,
	basis: 'default',
	confidence: null,
	max,
	evidence: null,
	note,
});

/**
 * The Blueprint's spam-score limit, learned from the brand's own sent mail: its newest emails
 * rendered the way a draft is sent (the engine's MIME, headers and footer) and scored by the same
 * spamd, so only their words differ from a draft's; the limit is their 90th percentile plus one
 * point, never under 1.5 and never over spamd's own spam line. Without spamd, or with under 5
 * brand emails scored, SpamAssassin's default line (5) stands, and the rule says why.
 */
export async function spamThresholdRule(
	q: Queryable,
	campaign: Campaign,
	settings: SpamSettings,
): Promise<Rule> {
	const checker = spamChecker(settings);
	if (checker.off) return fallback("SpamAssassin's default", checker.off);
	try {
		const { rows } = await q.query<{ id: string; subject: string; body_text: string }>(
			`select id, coalesce(subject, '') as subject, body_text from emails
			where campaign_id = $1 and source = 'brand' and coalesce(body_text, '') <> ''
			order by sent_at desc nulls last, id limit ${SAMPLE}`,
			[campaign.id],
		);
		const identity = renderIdentity(campaign);
		const results = await Promise.all(
			rows.map((r) =>
				checker.score(
					{
						prospectId: r.id,
						to: 'reader@example.invalid',
						step: 1,
						subject: r.subject,
						bodyText: r.body_text,
					},
					identity,
				),
			),
		);
		const scores = results.flatMap((r) => (r.status === 'scored' ? [r.score] : []));
		const required = results.find((r) => r.status === 'scored')?.required ?? SPAMASSASSIN_REQUIRED;
		const failed = results.find((r) => r.status === 'error');
		if (scores.length < MIN_SCORED)
			return fallback(
				"spamd's own spam line",
				`${scores.length} of the brand's emails could be scored (at least ${MIN_SCORED} are needed to learn the limit)${failed?.status === 'error' ? `: ${failed.reason}` : ''}`,
				required,
			);
		scores.sort((a, b) => a - b);
		const at = (p: number) => scores[Math.min(scores.length - 1, Math.floor(p * scores.length))];
		const p90 = at(0.9);
		const max = round(Math.min(required, Math.max(FLOOR, p90 + MARGIN)), 1);
		return {
			id: 'spam_score',
			kind: 'limit',
			text: `SpamAssassin score at most ${max} (the brand's own mail scores up to ${p90}, median ${at(0.5)})`,
			basis: 'data',
			confidence: null,
			max,
			evidence: {
				sources: ['brand'],
				n: scores.length,
				median: at(0.5),
				p25: at(0.25),
				p75: at(0.75),
				bySource: { brand: { n: scores.length, median: at(0.5) } },
			},
		};
	} finally {
		checker.close();
	}
}
