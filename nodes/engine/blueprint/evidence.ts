import { medianInterval, quantileAt, round, wilson } from '../stats/intervals';
import type { Thresholds } from './thresholds';
import type { Counts, Distribution, DroppedSignal, Evidence, GroupStats, Rate } from './types';

/** The group a Blueprint learns from, and the per-source groups shown beside it as evidence. */
export interface Basis {
	name: string;
	stats: GroupStats;
	/** "brand" and every "competitor:<name>" with mail, in a fixed order. */
	sources: GroupStats[];
	thresholds: Thresholds;
	/** Signals the data could not decide, collected while the rules are derived. */
	dropped: DroppedSignal[];
}

export function sourceGroups(groups: Record<string, GroupStats>): GroupStats[] {
	const competitors = Object.keys(groups)
		.filter((name) => name.startsWith('competitor:'))
		.sort();
	return ['brand', ...competitors].map((name) => groups[name]).filter((g) => g && g.emails > 0);
}

/** The share of `pick` in the basis group, its Wilson interval, and each source's own share. */
export function shareEvidence(basis: Basis, pick: (g: GroupStats) => Rate): Evidence {
	const { count, n } = pick(basis.stats);
	const interval = wilson(count, n);
	const bySource: Evidence['bySource'] = {};
	for (const source of basis.sources) {
		const own = pick(source);
		if (own.n > 0) bySource[source.group] = { n: own.n, share: round(own.count / own.n) };
	}
	return {
		sources: [basis.name],
		n,
		count,
		share: n ? round(count / n) : 0,
		interval: [round(interval.low), round(interval.high)],
		bySource,
	};
}

/** The median and quartiles of `pick` in the basis group, and each source's own median. */
export function medianEvidence(basis: Basis, pick: (g: GroupStats) => Distribution): Evidence {
	const d = pick(basis.stats);
	const bySource: Evidence['bySource'] = {};
	for (const source of basis.sources) {
		const own = pick(source);
		if (own.n > 0)
			bySource[source.group] = { n: own.n, median: round(quantileAt(own.quantiles, 0.5)) };
	}
	if (d.n === 0) return { sources: [basis.name], n: 0, bySource };
	const interval = medianInterval(d.quantiles, d.n);
	return {
		sources: [basis.name],
		n: d.n,
		median: round(quantileAt(d.quantiles, 0.5)),
		p25: round(quantileAt(d.quantiles, 0.25)),
		p75: round(quantileAt(d.quantiles, 0.75)),
		interval: [round(interval.low), round(interval.high)],
		bySource,
	};
}

/** `{count, n}` of one value among counts. */
export function rateOf(counts: Counts | undefined, values: string[]): Rate {
	const all = Object.values(counts ?? {}).reduce((sum, c) => sum + c, 0);
	const count = values.reduce((sum, v) => sum + (counts?.[v] ?? 0), 0);
	return { count, n: all };
}

/** The most frequent value (ties: alphabetical, so the same data always picks the same one). */
export function topValue(counts: Counts | undefined): string | null {
	const entries = Object.entries(counts ?? {}).sort(
		(a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
	);
	return entries[0]?.[0] ?? null;
}

/** Why a share cannot decide a rule, or null when it can (docs/blueprint.md, "Thresholds"). */
export function shareProblem(e: Evidence, t: Thresholds): string | null {
	const [low, high] = e.interval ?? [0, 1];
	if (e.n < t.minSample) return `only ${e.n} emails (a rule needs ${t.minSample})`;
	if (high - low > t.maxShareWidth) {
		return `95 % interval ${low}–${high} is wider than ${t.maxShareWidth}`;
	}
	if (low < t.minShareLow) {
		return `share ${e.share} (95 % interval ${low}–${high}) is not a clear majority (low end under ${t.minShareLow})`;
	}
	return null;
}

/** Why a median cannot decide a rule, or null when it can. */
export function medianProblem(e: Evidence, t: Thresholds): string | null {
	if (e.n < t.minSample) return `only ${e.n} values (a rule needs ${t.minSample})`;
	const [low, high] = e.interval ?? [0, 0];
	const relative = (high - low) / Math.max(Math.abs(e.median ?? 0), 1);
	if (relative > t.maxMedianWidth) {
		return `the median's 95 % interval ${low}–${high} is wider than ${t.maxMedianWidth * 100} % of the median ${e.median}`;
	}
	return null;
}

export function shareConfidence(e: Evidence): number {
	return round(e.interval?.[0] ?? 0);
}

export function medianConfidence(e: Evidence): number {
	const [low, high] = e.interval ?? [0, 0];
	return round(Math.min(1, Math.max(0, 1 - (high - low) / Math.max(Math.abs(e.median ?? 0), 1))));
}
