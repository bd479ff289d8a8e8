import type { Queryable } from '../store/Db';
import { QUANTILE_GRID, round } from '../stats/intervals';
import {
	type Aggregates,
	CATEGORICAL_FEATURES,
	type CategoricalFeature,
	type Distribution,
	type GroupStats,
	NUMERIC_FEATURES,
	type RateName,
	RATES,
} from './types';

export interface AggregateWindow {
	since?: string | null;
	until?: string | null;
}

/** Each rate as SQL: what counts, and which emails it is counted among. */
const RATE_SQL: Record<RateName, { count: string; among: string }> = {
	subject_personalized: { count: 'subject_personalized', among: 'true' },
	subject_question: { count: 'subject_has_question', among: 'true' },
	subject_all_caps: { count: 'subject_all_caps', among: 'true' },
	subject_spam_words: { count: 'subject_spam', among: 'true' },
	merge_tags: { count: 'unresolved_merge_tags > 0', among: 'true' },
	several_asks: { count: 'cta_count > 1', among: 'true' },
	images: { count: 'has_images', among: 'true' },
	not_mobile_friendly: { count: 'not mobile_friendly', among: 'mobile_friendly is not null' },
	repeats_previous: { count: 'repeats_previous', among: 'follow_up_index >= 1' },
	follow_up_re_prefix: { count: "subject_prefix = 're'", among: 'follow_up_index >= 1' },
};

/**
 * Every featurized email of the campaign in the window, once per source group it belongs to:
 * "brand", "competitor:<name>", "competitors" (all of them) and "all".
 */
const GROUPED = /* sql */ `
with base as (
	select f.*, e.thread_id, e.sent_at,
		(f.signals->'structure'->>'longestParagraphWords')::int as longest_paragraph_words,
		coalesce((f.signals->'subject'->>'allCaps')::boolean, false) as subject_all_caps,
		jsonb_array_length(coalesce(f.signals->'subject'->'spamWords', '[]'::jsonb)) > 0
			as subject_spam,
		coalesce((f.signals->'structure'->>'imageCount')::int, 0) > 0 as has_images
	from email_features f join emails e on e.id = f.email_id
	where f.campaign_id = $1
		and ($2::timestamptz is null or e.sent_at >= $2::timestamptz)
		and ($3::timestamptz is null or e.sent_at < $3::timestamptz)
), grouped as (
	select 'brand'::text as grp, b.* from base b where b.source = 'brand'
	union all select 'competitor:' || b.competitor, b.* from base b where b.source = 'competitor'
	union all select 'competitors', b.* from base b where b.source = 'competitor'
	union all select 'all', b.* from base b
)`;

type Row = Record<string, unknown>;

function distribution(n: unknown, mean: unknown, quantiles: unknown): Distribution {
	const count = Number(n ?? 0);
	return {
		n: count,
		mean: count && mean !== null ? round(Number(mean), 3) : null,
		quantiles: count ? (quantiles as number[]).map((q) => round(Number(q), 3)) : [],
	};
}

const iso = (value: unknown) =>
	value === null || value === undefined ? null : new Date(value as string).toISOString();

async function perGroup(q: Queryable, params: unknown[]): Promise<Row[]> {
	const numeric = NUMERIC_FEATURES.map(
		(f) => `count(${f})::int as n_${f}, avg(${f})::float8 as mean_${f},
			percentile_cont($4::float8[]) within group (order by ${f}) as q_${f}`,
	);
	const rates = RATES.map(
		(r) => `count(*) filter (where ${RATE_SQL[r].among} and ${RATE_SQL[r].count})::int as c_${r},
			count(*) filter (where ${RATE_SQL[r].among})::int as r_${r}`,
	);
	const { rows } = await q.query<Row>(
		`${GROUPED}
		select grp, count(*)::int as emails,
			count(*) filter (where follow_up_index >= 1)::int as follow_ups, min(sent_at) as first_sent, max(sent_at) as last_sent,
			${[...numeric, ...rates].join(',\n\t\t\t')}
		from grouped group by grp order by grp`,
		params as never[],
	);
	return rows;
}

async function categories(q: Queryable, params: unknown[]): Promise<Row[]> {
	const values = CATEGORICAL_FEATURES.map((f) => `('${f}', follow_up_index + 1, ${f}::text)`);
	const { rows } = await q.query<Row>(
		`${GROUPED}
		select grp, d.feature, d.step::int as step, d.value, count(*)::int as n
		from grouped cross join lateral (values ${values.join(', ')}) as d(feature, step, value)
		where d.value is not null
		group by grp, d.feature, d.step, d.value
		order by grp, d.feature, d.step, d.value`,
		params.slice(0, 3) as never[],
	);
	return rows;
}

async function gapsByStep(q: Queryable, params: unknown[]): Promise<Row[]> {
	const { rows } = await q.query<Row>(
		`${GROUPED}
		select grp, (follow_up_index + 1)::int as step, count(gap_days)::int as n,
			avg(gap_days)::float8 as mean,
			percentile_cont($4::float8[]) within group (order by gap_days) as q
		from grouped where follow_up_index >= 1 and gap_days is not null
		group by grp, follow_up_index order by grp, step`,
		params as never[],
	);
	return rows;
}

async function touches(q: Queryable, params: unknown[]): Promise<Row[]> {
	const { rows } = await q.query<Row>(
		`${GROUPED}, threads as (
			select grp, coalesce(thread_id, 'email:' || email_id) as thread,
				max(coalesce(follow_up_index, 0)) + 1 as touches
			from grouped group by grp, thread
		)
		select grp, count(*)::int as n, avg(touches)::float8 as mean,
			percentile_cont($4::float8[]) within group (order by touches) as q
		from threads group by grp order by grp`,
		params as never[],
	);
	return rows;
}

async function totals(
	q: Queryable,
	params: unknown[],
): Promise<Aggregates['emails'] & { followUps: number }> {
	const { rows } = await q.query<Row>(
		`select count(*)::int as total, count(f.email_id)::int as featurized,
			count(*) filter (where e.source = 'brand')::int as brand,
			count(*) filter (where e.source = 'competitor')::int as competitor,
			count(*) filter (where f.follow_up_index >= 1)::int as follow_ups
		from emails e left join email_features f on f.email_id = e.id
		where e.campaign_id = $1
			and ($2::timestamptz is null or e.sent_at >= $2::timestamptz)
			and ($3::timestamptz is null or e.sent_at < $3::timestamptz)`,
		params.slice(0, 3) as never[],
	);
	const r = rows[0];
	return {
		total: Number(r.total),
		featurized: Number(r.featurized),
		brand: Number(r.brand),
		competitor: Number(r.competitor),
		followUps: Number(r.follow_ups),
	};
}

function emptyGroup(group: string): GroupStats {
	return {
		group,
		emails: 0,
		followUps: 0,
		numeric: Object.fromEntries(
			NUMERIC_FEATURES.map((f) => [f, distribution(0, null, [])]),
		) as GroupStats['numeric'],
		categories: Object.fromEntries(
			CATEGORICAL_FEATURES.map((f) => [f, {}]),
		) as GroupStats['categories'],
		rates: Object.fromEntries(RATES.map((r) => [r, { count: 0, n: 0 }])) as GroupStats['rates'],
		gapByStep: {},
		touches: distribution(0, null, []),
		window: { from: null, to: null },
	};
}

/**
 * Every distribution the Blueprint is derived from, computed in SQL (a handful of grouped
 * statements, whatever the number of emails) for each source group. "brand", "competitors" and
 * "all" are always present, empty when there is no such mail.
 */
export async function aggregateFeatures(
	q: Queryable,
	campaignId: string,
	window: AggregateWindow = {},
): Promise<Aggregates> {
	const params = [campaignId, window.since ?? null, window.until ?? null, QUANTILE_GRID];
	const groups: Record<string, GroupStats> = {};
	for (const name of ['all', 'brand', 'competitors']) groups[name] = emptyGroup(name);
	for (const r of await perGroup(q, params)) {
		const g = (groups[r.grp as string] ??= emptyGroup(r.grp as string));
		g.emails = Number(r.emails);
		g.followUps = Number(r.follow_ups);
		g.window = { from: iso(r.first_sent), to: iso(r.last_sent) };
		for (const f of NUMERIC_FEATURES)
			g.numeric[f] = distribution(r[`n_${f}`], r[`mean_${f}`], r[`q_${f}`]);
		for (const rate of RATES)
			g.rates[rate] = { count: Number(r[`c_${rate}`]), n: Number(r[`r_${rate}`]) };
	}
	for (const r of await categories(q, params)) {
		const byStep = groups[r.grp as string].categories[r.feature as CategoricalFeature];
		const n = Number(r.n);
		for (const step of [String(r.step), 'all']) {
			const counts = (byStep[step] ??= {});
			counts[r.value as string] = (counts[r.value as string] ?? 0) + n;
		}
	}
	for (const r of await gapsByStep(q, params)) {
		groups[r.grp as string].gapByStep[String(r.step)] = distribution(r.n, r.mean, r.q);
	}
	for (const r of await touches(q, params)) {
		groups[r.grp as string].touches = distribution(r.n, r.mean, r.q);
	}
	const { followUps, ...emails } = await totals(q, params);
	return { emails, followUps, groups };
}
