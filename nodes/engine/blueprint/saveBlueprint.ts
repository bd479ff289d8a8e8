import { recordEvent } from '../audit/recordEvent';
import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import {
	BLUEPRINT_COLUMNS,
	type BlueprintRecord,
	type BlueprintRow,
	contentHash,
	toBlueprint,
} from './blueprintRecord';
import { renderReport } from './report/renderReport';
import type { BlueprintBody, BlueprintInputs } from './types';

/**
 * Stores a new version as the campaign's active Blueprint and archives the previous one (or, as
 * `proposed`, beside the active one until a person activates it: Activate Version), in one
 * transaction that locks the campaign row: two runs at once get versions n and n+1, never a
 * duplicate or two active ones. The report is written to the object store under its content hash.
 */
export async function saveBlueprint(
	engine: Engine,
	campaignId: string,
	body: BlueprintBody,
	inputs: BlueprintInputs,
	actor?: string,
	status: 'active' | 'proposed' = 'active',
): Promise<BlueprintRecord> {
	return await engine.db.transaction(async (tx) => {
		const campaign = await loadCampaign(tx, campaignId, { forUpdate: true });
		const { rows } = await tx.query<{ next: number }>(
			'select coalesce(max(version), 0)::int + 1 as next from blueprints where campaign_id = $1',
			[campaign.id],
		);
		const version = Number(rows[0].next);
		const report = renderReport({ version, body, inputs });
		const [markdown, html] = await Promise.all([
			engine.objects.putContent(report.markdown, {
				prefix: 'reports/blueprints',
				extension: '.md',
				contentType: 'text/markdown; charset=utf-8',
			}),
			engine.objects.putContent(report.html, {
				prefix: 'reports/blueprints',
				extension: '.html',
				contentType: 'text/html; charset=utf-8',
			}),
		]);
		if (status === 'active') {
			await tx.query(
				"update blueprints set status = 'archived' where campaign_id = $1 and status = 'active'",
				[campaign.id],
			);
		}
		const hash = contentHash(body);
		const inserted = await tx.query<BlueprintRow>(
			`insert into blueprints (campaign_id, version, status, synthesis, body, inputs, content_hash, report)
			values ($1, $2, $8, $3, $4, $5, $6, $7)
			returning ${BLUEPRINT_COLUMNS}`,
			[
				campaign.id,
				version,
				body.synthesis.path,
				JSON.stringify(body),
				JSON.stringify(inputs),
				hash,
				JSON.stringify({ markdownKey: markdown.key, htmlKey: html.key }),
				status,
			],
		);
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: status === 'active' ? 'blueprint_created' : 'blueprint_proposed',
			actor,
			data: {
				version,
				synthesis: body.synthesis.path,
				contentHash: hash,
				lowData: body.lowData.isLow,
			},
		});
		return toBlueprint(inserted.rows[0]);
	});
}
