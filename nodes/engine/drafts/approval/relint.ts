import { loadBlueprint } from '../../blueprint/getBlueprint';
import type { BlueprintBody } from '../../blueprint/types';
import { indexNames, loadProspectNames, type NameIndex } from '../../grounding/foreignNames';
import { lintDraft, type LintResult } from '../../enforcer/lintDraft';
import type { Campaign } from '../../campaign/types';
import type { Support } from '../../grounding';
import type { Queryable } from '../../store/Db';
import { draftSupport, forProspect } from '../draftSupport';
import { draftHash, draftHtml } from '../draftHtml';
import type { SpamResult } from '../../send/spam/spamCheck';

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

/** The grounding material of each Blueprint version, built once per call. */
export function supportCache(
	q: Queryable,
	campaign: Campaign,
	blueprint: (version: number) => Promise<BlueprintBody>,
) {
	const cache = new Map<number, Promise<Support>>();
	return (version: number) => {
		if (!cache.has(version))
			cache.set(
				version,
				blueprint(version).then((body) => draftSupport(q, campaign, body)),
			);
		return cache.get(version) as Promise<Support>;
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
		/** The stored lint: its spam score still counts while the text is the one scored. */
		lint?: { spam?: SpamResult };
	},
	/** The material the draft's claims must be said in (with the prospect's record added here). */
	support?: (version: number) => Promise<Support>,
): Promise<LintResult> {
	const { rows } = await q.query<{ body_text: string }>(
		'select body_text from drafts where campaign_id = $1 and prospect_id = $2 and step < $3 order by step',
		[draft.campaignId, draft.prospectId, draft.step],
	);
	let grounded: Support | undefined;
	if (support) {
		const { rows: p } = await q.query<Record<string, unknown>>(
			'select email, first_name, last_name, company, title, website, signals from prospects where id = $1',
			[draft.prospectId],
		);
		grounded = forProspect(await support(draft.blueprintVersion), {
			email: p[0]?.email as string,
			firstName: (p[0]?.first_name as string) ?? undefined,
			lastName: (p[0]?.last_name as string) ?? undefined,
			company: (p[0]?.company as string) ?? undefined,
			title: (p[0]?.title as string) ?? undefined,
			website: (p[0]?.website as string) ?? undefined,
			signals: (p[0]?.signals as Record<string, string>) ?? {},
		});
	}
	return lintDraft(await blueprint(draft.blueprintVersion), {
		step: draft.step,
		subject: draft.subject,
		body: draft.bodyText,
		to: draft.prospectEmail,
		company: draft.prospectCompany,
		previousBodies: rows.map((r) => r.body_text),
		prospectId: draft.prospectId,
		prospectNames: await prospectNames(),
		support: grounded,
		grounding: 'claims',
		spam: storedSpam(draft.subject, draft.bodyText, draft.lint?.spam),
	});
}

/** A stored score for this very text, or (scored before an edit) a stale mark; never a pass. */
function storedSpam(subject: string, bodyText: string, spam: SpamResult | undefined) {
	if (spam?.status !== 'scored') return spam;
	if (spam.contentHash === draftHash(subject, bodyText, draftHtml(bodyText))) return spam;
	return {
		status: 'stale' as const,
		reason: `scored ${spam.score} before the last edit; the edited text was not scored again`,
	};
}
