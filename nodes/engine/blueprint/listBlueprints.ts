import { assertCampaignId } from '../campaign/campaignId';
import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';

export interface BlueprintSummary {
	version: number;
	status: 'active' | 'archived';
	synthesis: 'model' | 'deterministic';
	contentHash: string;
	lowData: boolean;
	emailsAnalysed: number;
	rules: { data: number; default: number };
	createdAt: string;
}

/** Every version of a campaign's Blueprint, newest first, without the bodies' detail. */
export async function listBlueprints(
	engine: Engine,
	campaignId: unknown,
): Promise<BlueprintSummary[]> {
	const id = assertCampaignId(campaignId);
	await loadCampaign(engine.db, id);
	const { rows } = await engine.db.query<Record<string, unknown>>(
		`select version, status, synthesis, content_hash, created_at,
			(body->'lowData'->>'isLow')::boolean as low_data,
			(inputs->'emails'->>'featurized')::int as analysed,
			(select count(*)::int from jsonb_array_elements(body->'limits' || body->'cadence' || body->'dos' || body->'donts') r
				where r->>'basis' = 'data') as data_rules,
			(select count(*)::int from jsonb_array_elements(body->'limits' || body->'cadence' || body->'dos' || body->'donts') r
				where r->>'basis' = 'default') as default_rules
		from blueprints where campaign_id = $1 order by version desc`,
		[id],
	);
	return rows.map((r) => ({
		version: Number(r.version),
		status: r.status as BlueprintSummary['status'],
		synthesis: r.synthesis as BlueprintSummary['synthesis'],
		contentHash: String(r.content_hash),
		lowData: Boolean(r.low_data),
		emailsAnalysed: Number(r.analysed ?? 0),
		rules: { data: Number(r.data_rules), default: Number(r.default_rules) },
		createdAt: new Date(r.created_at as string).toISOString(),
	}));
}
