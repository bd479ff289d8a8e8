import { invalidInput } from '../errors';
import type { Queryable, SqlParam } from '../store/Db';

export interface FeatureFilter {
	campaignId: string;
	source?: 'brand' | 'competitor';
	competitor?: string;
	/** 1 for first touches, 2 for first follow-ups… */
	step?: number;
	ctaStrength?: 'hard' | 'soft' | 'none';
	ctaTypes?: string[];
	minGapDays?: number;
	maxGapDays?: number;
	openingTypes?: string[];
	structureTypes?: string[];
	subjectHasQuestion?: boolean;
	subjectPersonalized?: boolean;
	limit?: number;
	offset?: number;
}

export interface FeatureRow {
	email_id: number;
	source: string;
	competitor: string | null;
	from_address: string | null;
	subject: string;
	sent_at: Date | string | null;
	step: number | null;
	gap_days: number | null;
	cadence_bucket: string | null;
	cta_type: string | null;
	cta_strength: string | null;
	opening_type: string | null;
	structure_type: string | null;
	word_count: number | null;
	reading_grade: number | null;
	body_text: string;
}

/**
 * Featurized emails matching every given filter, in one SQL statement. The seed's example —
 * competitor emails with soft CTAs sent as step 2 with a 3–5 day gap — is an index range on
 * (campaign, source, follow-up index, CTA strength, gap days).
 */
export async function queryFeatures(q: Queryable, given: FeatureFilter): Promise<FeatureRow[]> {
	const filter = checkedFilter(given);
	const params: SqlParam[] = [filter.campaignId];
	const where = ['f.campaign_id = $1'];
	const add = (sql: (p: string) => string, value: SqlParam | undefined) => {
		if (value === undefined || value === null) return;
		if (Array.isArray(value) && value.length === 0) return;
		params.push(value);
		where.push(sql(`$${params.length}`));
	};
	add((p) => `f.source = ${p}`, filter.source);
	add((p) => `lower(f.competitor) = lower(${p})`, filter.competitor);
	add((p) => `f.follow_up_index = ${p}`, filter.step === undefined ? undefined : filter.step - 1);
	add((p) => `f.cta_strength = ${p}`, filter.ctaStrength);
	add((p) => `f.cta_type = any(${p}::text[])`, filter.ctaTypes);
	add((p) => `f.gap_days >= ${p}`, filter.minGapDays);
	add((p) => `f.gap_days <= ${p}`, filter.maxGapDays);
	add((p) => `f.opening_type = any(${p}::text[])`, filter.openingTypes);
	add((p) => `f.structure_type = any(${p}::text[])`, filter.structureTypes);
	add((p) => `f.subject_has_question = ${p}`, filter.subjectHasQuestion);
	add((p) => `f.subject_personalized = ${p}`, filter.subjectPersonalized);
	params.push(Math.min(Math.max(filter.limit ?? 100, 1), 10_000), Math.max(filter.offset ?? 0, 0));
	const { rows } = await q.query<FeatureRow>(
		`select f.email_id, f.source, f.competitor, e.from_address, e.subject, e.sent_at,
			f.follow_up_index + 1 as step, f.gap_days, f.cadence_bucket, f.cta_type, f.cta_strength,
			f.opening_type, f.structure_type, f.word_count, f.reading_grade, e.body_text
		from email_features f join emails e on e.id = f.email_id
		where ${where.join(' and ')}
		order by f.email_id
		limit $${params.length - 1} offset $${params.length}`,
		params,
	);
	return rows.map((r) => ({ ...r, email_id: Number(r.email_id) }));
}

/** A list filter as given by a node (a list, or a comma-separated text from an expression). */
function listOf(name: string, value: unknown): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const list = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))
		throw invalidInput(`Filter ${name} must be a list of values, got ${JSON.stringify(value)}`);
	return list.map((v) => v.trim()).filter(Boolean);
}

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[]) {
	if (value !== undefined && value !== null && !allowed.includes(value))
		throw invalidInput(`Filter ${name} must be one of ${allowed.join(', ')}, got "${value}"`);
}

function numberOf(name: string, value: unknown, min = 0): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	if (!Number.isFinite(n) || n < min)
		throw invalidInput(`Filter ${name} must be a number of at least ${min}, got "${value}"`);
	return n;
}

/** The filter with every field checked, so a bad one gets a clear error instead of SQL's. */
function checkedFilter(filter: FeatureFilter): FeatureFilter {
	oneOf('source', filter.source, ['brand', 'competitor'] as const);
	oneOf('ctaStrength', filter.ctaStrength, ['hard', 'soft', 'none'] as const);
	return {
		...filter,
		step: numberOf('step', filter.step, 1),
		minGapDays: numberOf('minGapDays', filter.minGapDays),
		maxGapDays: numberOf('maxGapDays', filter.maxGapDays),
		ctaTypes: listOf('ctaTypes', filter.ctaTypes),
		openingTypes: listOf('openingTypes', filter.openingTypes),
		structureTypes: listOf('structureTypes', filter.structureTypes),
	};
}
