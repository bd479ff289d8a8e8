import { loadBlueprint } from '../../blueprint/getBlueprint';
import type { BlueprintBody } from '../../blueprint/types';
import { indexNames, loadProspectNames, type NameIndex } from '../../enforcer/foreignNames';
import { lintDraft, type LintResult } from '../../enforcer/lintDraft';
import type { Queryable } from '../../store/Db';

/** The Blueprint bodies by version, loaded once per call. */
export function blueprintCache(q: Queryable, campaignId: string) {
	const cache = new Map<number, Promise<BlueprintBody>>();
	return (version: number) => {
		if (!cache.has(version))
			cache.set(
				version,
				loadBlueprint(q, campaignId, version).then((b) => b.body),
			);
		return cache.get(version) as Promise<BlueprintBody>;
	};
}

/** The campaign's prospects' names, loaded once per call. */
export function prospectNamesCache(q: Queryable, campaignId: string) {
	let names: Promise<NameIndex> | undefined;
	return () => (names ??= loadProspectNames(q, campaignId).then(indexNames));
}

/**
 * Lints a stored draft again, against the Blueprint version it was written under and the current
 * bodies of the prospect's earlier touches: approval trusts no stored verdict.
 */
export async function relint(
	q: Queryable,
	blueprint: (version: number) => Promise<BlueprintBody>,
	prospectNames: () => Promise<NameIndex>,
	draft: {
		campaignId: string;
		prospectId: string;
		step: number;
		subject: string;
		bodyText: string;
		blueprintVersion: number;
		prospectEmail?: string;
		prospectCompany?: string;
	},
): Promise<LintResult> {
	const { rows } = await q.query<{ body_text: string }>(
		'select body_text from drafts where campaign_id = $1 and prospect_id = $2 and step < $3 order by step',
		[draft.campaignId, draft.prospectId, draft.step],
	);
	return lintDraft(await blueprint(draft.blueprintVersion), {
		step: draft.step,
		subject: draft.subject,
		body: draft.bodyText,
		to: draft.prospectEmail,
		company: draft.prospectCompany,
		previousBodies: rows.map((r) => r.body_text),
		prospectId: draft.prospectId,
		prospectNames: await prospectNames(),
	});
}
