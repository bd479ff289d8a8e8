import type { Queryable } from '../store/Db';
import type { BlueprintBody, Rule } from './types';

/** A version learned from results that waits for a person: what it changes and on what evidence. */
export interface BlueprintProposal {
	version: number;
	proposedAt: string;
	/** The rules it adds or turns around against the active version, each with its evidence. */
	changes: Array<{ kind: Rule['kind']; id: string; text: string; evidence: string | null }>;
	/** What a person does about it, in words. */
	summary: string;
}

/**
 * The newest proposed version above the active one, or null: campaign status shows it, so a
 * proposal is seen without opening an execution.
 */
export async function blueprintProposal(
	q: Queryable,
	campaignId: string,
): Promise<BlueprintProposal | null> {
	const { rows } = await q.query<{
		version: number;
		created_at: Date | string;
		body: BlueprintBody;
		active: BlueprintBody | null;
	}>(
		`select p.version, p.created_at, p.body,
			(select a.body from blueprints a where a.campaign_id = p.campaign_id and a.status = 'active') as active
		from blueprints p where p.campaign_id = $1 and p.status = 'proposed'
			and p.version > coalesce((select max(version) from blueprints
				where campaign_id = $1 and status = 'active'), 0)
		order by p.version desc limit 1`,
		[campaignId],
	);
	const row = rows[0];
	if (!row) return null;
	const before = [...(row.active?.dos ?? []), ...(row.active?.donts ?? [])];
	const changes = [...row.body.dos, ...row.body.donts]
		.filter((r) => !before.some((b) => b.id === r.id && b.kind === r.kind))
		.map((r) => ({ kind: r.kind, id: r.id, text: r.text, evidence: r.note ?? null }));
	return {
		version: Number(row.version),
		proposedAt: new Date(row.created_at).toISOString(),
		changes,
		summary: `Blueprint proposal waiting: version ${row.version}, ${changes.length} rule${changes.length === 1 ? '' : 's'} from this campaign's results (${changes.map((c) => c.text.split(':')[0]).join('; ')}). Review it (Sales Blueprint Agent → Compare Versions) and activate it (Activate Version ${row.version}) or leave it.`,
	};
}
