import { cadenceRules } from './cadenceRules';
import type { Basis } from './evidence';
import { sourceGroups } from './evidence';
import { limitRules } from './limitRules';
import { doRules, dontRules } from './practiceRules';
import type { Thresholds } from './thresholds';
import type { Aggregates, BlueprintBody, LearnFrom } from './types';

export type DerivedRules = Pick<BlueprintBody, 'limits' | 'cadence' | 'dos' | 'donts' | 'dropped'>;

/**
 * The statistics decide every number of the Blueprint: limits, cadence, the preferred CTA per
 * step, and what drafts must never do. Pure and deterministic: same aggregates, same rules.
 */
export function deriveRules(
	aggregates: Aggregates,
	learnFrom: LearnFrom,
	thresholds: Thresholds,
): DerivedRules {
	const basis: Basis = {
		name: learnFrom,
		stats: aggregates.groups[learnFrom],
		sources: sourceGroups(aggregates.groups),
		thresholds,
		dropped: [],
	};
	const limits = limitRules(basis);
	const cadence = cadenceRules(basis);
	const touches = cadence[0].target ?? 3;
	const dos = doRules(basis, touches);
	const donts = dontRules(basis);
	return { limits, cadence, dos, donts, dropped: basis.dropped };
}
