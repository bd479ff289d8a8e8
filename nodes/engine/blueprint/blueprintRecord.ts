import { createHash } from 'node:crypto';

import { stringify } from 'safe-stable-stringify';

import type { BlueprintBody, BlueprintInputs } from './types';

export interface BlueprintRecord {
	id: string;
	campaignId: string;
	version: number;
	status: 'active' | 'archived' | 'proposed';
	synthesis: 'model' | 'deterministic';
	contentHash: string;
	body: BlueprintBody;
	inputs: BlueprintInputs;
	/** Object-store keys of the report. */
	report: { markdownKey?: string; htmlKey?: string };
	createdAt: string;
	/** Set when a synthesis found nothing new and kept the active version instead of a copy. */
	reused?: boolean;
}

export const BLUEPRINT_COLUMNS =
	'id, campaign_id, version, status, synthesis, content_hash, body, inputs, report, created_at';

export interface BlueprintRow {
	id: string;
	campaign_id: string;
	version: number;
	status: 'active' | 'archived' | 'proposed';
	synthesis: 'model' | 'deterministic';
	content_hash: string;
	body: BlueprintBody;
	inputs: BlueprintInputs;
	report: BlueprintRecord['report'];
	created_at: Date | string;
}

export function toBlueprint(row: BlueprintRow): BlueprintRecord {
	return {
		id: row.id,
		campaignId: row.campaign_id,
		version: Number(row.version),
		status: row.status,
		synthesis: row.synthesis,
		contentHash: row.content_hash,
		body: row.body,
		inputs: row.inputs,
		report: row.report ?? {},
		createdAt: new Date(row.created_at).toISOString(),
	};
}

/** Key-sorted JSON: the database reorders jsonb keys, so bytes are compared in this form. */
export const canonicalJson = (value: unknown): string => stringify(value) ?? 'null';

export const contentHash = (body: BlueprintBody): string =>
	createHash('sha256').update(canonicalJson(body)).digest('hex');
