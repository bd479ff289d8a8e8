import { assertCampaignId } from '../campaign/campaignId';
import type { Engine } from '../Engine';
import { invalidInput, notFound } from '../errors';
import type { Queryable } from '../store/Db';
import {
	BLUEPRINT_COLUMNS,
	type BlueprintRecord,
	type BlueprintRow,
	toBlueprint,
} from './blueprintRecord';

export function assertVersion(value: unknown, what = 'Blueprint version'): number {
	const version = Number(value);
	if (!Number.isInteger(version) || version < 1) {
		throw invalidInput(`${what} must be a whole number from 1, got "${String(value)}"`);
	}
	return version;
}

/** One version, or the active one when `version` is omitted; NOT_FOUND says what exists. */
export async function loadBlueprint(
	q: Queryable,
	campaignId: unknown,
	version?: number,
): Promise<BlueprintRecord> {
	const id = assertCampaignId(campaignId);
	const { rows } = await q.query<BlueprintRow>(
		version === undefined
			? `select ${BLUEPRINT_COLUMNS} from blueprints where campaign_id = $1 and status = 'active'`
			: `select ${BLUEPRINT_COLUMNS} from blueprints where campaign_id = $1 and version = $2`,
		version === undefined ? [id] : [id, assertVersion(version)],
	);
	if (rows[0]) return toBlueprint(rows[0]);
	const { rows: existing } = await q.query<{ versions: number[] | null }>(
		'select array_agg(version order by version) as versions from blueprints where campaign_id = $1',
		[id],
	);
	const versions = existing[0]?.versions ?? [];
	throw notFound(
		version === undefined
			? `Campaign ${id} has no active Blueprint`
			: `Campaign ${id} has no Blueprint version ${version}`,
		versions.length
			? `Versions that exist: ${versions.join(', ')}.`
			: 'Synthesize one with Sales Blueprint Agent → Synthesize.',
	);
}

export function getBlueprint(engine: Engine, campaignId: unknown, version?: number) {
	return loadBlueprint(engine.db, campaignId, version);
}
