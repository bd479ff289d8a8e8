import type { BlueprintBody } from '../blueprint/types';
import type { LocatedHit } from '../send/spam/locateHits';
import type { SpamResult } from '../send/spam/spamCheck';
import { rulesById } from './blueprintRules';
import type { LintResult } from './lintDraft';

/** "DEAR_FRIEND 2.7 at body line 1 ("Dear friend")": one rule, where it matched. */
export function hitText(hit: LocatedHit): string {
	const w = hit.where;
	const at = !w
		? ''
		: w.part === 'subject'
			? ` in the subject ("${w.text}")`
			: ` at ${w.part} line ${w.line} ("${w.text}")`;
	return `${hit.rule} ${hit.points}${at}`;
}

/**
 * The draft's spam score against the Blueprint's `spam_score` limit: over it, a violation naming
 * the rules that scored, biggest first, where they matched; not scored (spamd failed, or the
 * score is for the text before an edit): a warning saying so, never a pass in disguise. The result
 * is kept on the lint for the approval page.
 */
export function withSpamVerdict(
	body: BlueprintBody,
	lint: LintResult,
	spam: SpamResult,
): LintResult {
	const limit = rulesById(body).get('spam_score')?.max;
	const violations = [...lint.violations];
	const warnings = [...(lint.warnings ?? [])];
	if (spam.status === 'scored' && limit !== undefined && spam.score > limit) {
		const scoring = spam.hits
			.filter((h) => h.points > 0)
			.sort((a, b) => b.points - a.points)
			.slice(0, 5);
		violations.push({
			rule: 'spam_score',
			message: `SpamAssassin scores it ${spam.score}, over the Blueprint's ${limit}: ${scoring.map(hitText).join('; ') || 'no single rule stands out'}`,
		});
	} else if (spam.status === 'error' || spam.status === 'stale')
		warnings.push({ rule: 'spam_score', message: `Not scored by the spam filter: ${spam.reason}` });
	return {
		...lint,
		passed: violations.length === 0,
		violations,
		...(warnings.length ? { warnings } : {}),
		spam: spam.status === 'scored' && limit !== undefined ? { ...spam, limit } : spam,
	};
}
