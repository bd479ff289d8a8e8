import type { BlueprintBody } from '../blueprint/types';
import type { Campaign } from '../campaign/types';
import { campaignSupport, type Support } from '../grounding';
import type { Queryable } from '../store/Db';
import { WRITER_PHRASES } from './deterministicWriter';
import type { ProspectInput } from './types';

/**
 * What a campaign's drafts may claim: the user's words, the brand's own mail, the Blueprint's
 * (grounded) words and measured figures, and the writer's own fixed sentences; per prospect, that
 * prospect's own record on top.
 */
export async function draftSupport(
	q: Queryable,
	campaign: Campaign,
	body: BlueprintBody,
): Promise<Support> {
	const s = body.synthesis;
	const blueprint = [
		s.positioning,
		...s.valuePropositions,
		...s.exampleSubjects,
		...[...body.limits, ...body.cadence, ...body.dos, ...body.donts].map((r) => r.text),
	];
	return (await campaignSupport(q, campaign, [...blueprint, ...WRITER_PHRASES, 'Best,'])).support;
}

/** A prospect's own record as material: what a draft may say about them. */
export function prospectMaterial(p: Partial<ProspectInput>): string[] {
	return [
		p.email,
		p.firstName,
		p.lastName,
		p.company,
		p.title,
		p.website,
		...Object.values(p.signals ?? {}),
	]
		.filter((v): v is string => typeof v === 'string' && v.length > 0)
		.map((v) => v.slice(0, 5000));
}

/** The campaign's support with one prospect's record on top. */
export const forProspect = (support: Support, p: Partial<ProspectInput>): Support =>
	support.with(prospectMaterial(p));
