import MarkdownIt from 'markdown-it';

import { quantileAt } from '../../stats/intervals';
import type { Counts } from '../types';

const escape = new MarkdownIt().utils.escapeHtml;

const PALETTE = [
	'#2563eb',
	'#16a34a',
	'#f59e0b',
	'#dc2626',
	'#7c3aed',
	'#0891b2',
	'#db2777',
	'#64748b',
];
const WIDTH = 640;
const LABEL = 140;
const ROW = 26;

export interface ShareRow {
	label: string;
	counts: Counts;
}

/** One 100 % bar per source, one segment per category, with a legend: CTA mix, cadence buckets. */
export function stackedShares(title: string, rows: ShareRow[], categories: string[]): string {
	const plot = WIDTH - LABEL - 20;
	const legend = legendLayout(categories.map((c) => c.replace(/_/g, ' ')));
	const top = 40 + rows.length * ROW;
	const height = top + legend.height + 8;
	const bars = rows.map((row, r) => {
		const total = categories.reduce((sum, c) => sum + (row.counts[c] ?? 0), 0);
		let x = LABEL;
		const y = 30 + r * ROW;
		const segments = categories.map((c, i) => {
			const share = total ? (row.counts[c] ?? 0) / total : 0;
			const w = share * plot;
			const rect = share
				? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${PALETTE[i % PALETTE.length]}"><title>${escape(`${row.label}: ${c} ${Math.round(share * 100)} % (${row.counts[c] ?? 0})`)}</title></rect>`
				: '';
			x += w;
			return rect;
		});
		return `<text x="${LABEL - 8}" y="${y + 13}" text-anchor="end">${escape(row.label)} (${total})</text>${segments.join('')}`;
	});
	const items = legend.items.map(
		({ text, x, row }, i) =>
			`<rect x="${x}" y="${top + row * LEGEND_ROW}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 14}" y="${top + row * LEGEND_ROW + 9}">${escape(text)}</text>`,
	);
	return svg(title, height, [...bars, ...items]);
}

/** A generous width of one character at 12 px (system-ui averages ~6.2 px; capitals run wider). */
export const CHAR_WIDTH = 7.2;
const LEGEND_ROW = 18;

/**
 * Legend entries laid out left to right by their own width (swatch, label, gap), wrapping to a new
 * row before the chart's edge: no entry ever overlaps another, however long its label.
 */
export function legendLayout(labels: string[]): {
	items: Array<{ text: string; x: number; row: number }>;
	height: number;
} {
	const items: Array<{ text: string; x: number; row: number }> = [];
	let [x, row] = [0, 0];
	for (const text of labels) {
		const width = 14 + text.length * CHAR_WIDTH + 16;
		if (x > 0 && x + width > WIDTH) [x, row] = [0, row + 1];
		items.push({ text, x: Math.round(x), row });
		x += width;
	}
	return { items, height: (row + 1) * LEGEND_ROW };
}

export interface RangeRow {
	label: string;
	/** The 21-point quantile grid; empty when the source has no values. */
	quantiles: number[];
}

/** Per source: 10th–90th percentile whisker, quartile box and median, over the Blueprint's band. */
export function rangeChart(
	title: string,
	rows: RangeRow[],
	band: { min?: number; max?: number },
	unit: string,
): string {
	const plot = WIDTH - LABEL - 40;
	const values = rows.flatMap((r) =>
		r.quantiles.length ? [quantileAt(r.quantiles, 0.1), quantileAt(r.quantiles, 0.9)] : [],
	);
	const top = Math.max(...values, band.max ?? 0, 1) * 1.1;
	const sx = (v: number) => LABEL + (Math.max(0, v) / top) * plot;
	const height = 40 + rows.length * ROW + 24;
	const shapes: string[] = [];
	if (band.max !== undefined) {
		const from = sx(band.min ?? 0);
		shapes.push(
			`<rect x="${from.toFixed(1)}" y="26" width="${(sx(band.max) - from).toFixed(1)}" height="${rows.length * ROW + 4}" fill="#dcfce7"><title>${escape(`Blueprint: ${band.min ?? 0}–${band.max} ${unit}`)}</title></rect>`,
		);
	}
	rows.forEach((row, r) => {
		const y = 30 + r * ROW;
		const mid = y + (ROW - 8) / 2;
		shapes.push(
			`<text x="${LABEL - 8}" y="${y + 13}" text-anchor="end">${escape(row.label)}</text>`,
		);
		if (!row.quantiles.length) return;
		const [p10, p25, p50, p75, p90] = [0.1, 0.25, 0.5, 0.75, 0.9].map((q) =>
			sx(quantileAt(row.quantiles, q)),
		);
		shapes.push(
			`<line x1="${p10.toFixed(1)}" x2="${p90.toFixed(1)}" y1="${mid}" y2="${mid}" stroke="#334155"/>`,
			`<rect x="${p25.toFixed(1)}" y="${y + 2}" width="${Math.max(1, p75 - p25).toFixed(1)}" height="${ROW - 12}" fill="#93c5fd" stroke="#1d4ed8"/>`,
			`<line x1="${p50.toFixed(1)}" x2="${p50.toFixed(1)}" y1="${y}" y2="${y + ROW - 8}" stroke="#1e3a8a" stroke-width="2"><title>${escape(`${row.label}: median ${Math.round(quantileAt(row.quantiles, 0.5))} ${unit}`)}</title></line>`,
		);
	});
	const axis = [0, top / 2, top].map(
		(v) =>
			`<text x="${sx(v).toFixed(1)}" y="${height - 6}" text-anchor="middle">${Math.round(v)}</text>`,
	);
	return svg(title, height, [...shapes, ...axis]);
}

export interface RateRow {
	label: string;
	rate: number;
	low: number;
	high: number;
}

/** Reply rates as bars with their 95 % interval as a whisker (the campaign's own results). */
export function rateChart(title: string, rows: RateRow[]): string {
	const plot = WIDTH - LABEL - 60;
	const top = Math.max(...rows.map((r) => r.high), 0.05) * 1.1;
	const sx = (v: number) => LABEL + (Math.max(0, v) / top) * plot;
	const height = 40 + rows.length * ROW + 24;
	const shapes = rows.flatMap((row, r) => {
		const y = 30 + r * ROW;
		const mid = y + (ROW - 8) / 2;
		return [
			`<text x="${LABEL - 8}" y="${y + 13}" text-anchor="end">${escape(row.label)}</text>`,
			`<rect x="${LABEL}" y="${y + 2}" width="${(sx(row.rate) - LABEL).toFixed(1)}" height="${ROW - 12}" fill="${PALETTE[0]}"><title>${escape(`${row.label}: ${(row.rate * 100).toFixed(1)} % (95 % interval ${(row.low * 100).toFixed(1)}–${(row.high * 100).toFixed(1)} %)`)}</title></rect>`,
			`<line x1="${sx(row.low).toFixed(1)}" x2="${sx(row.high).toFixed(1)}" y1="${mid}" y2="${mid}" stroke="#0f172a" stroke-width="1.5"/>`,
			`<text x="${(sx(row.high) + 6).toFixed(1)}" y="${y + 13}">${(row.rate * 100).toFixed(1)} %</text>`,
		];
	});
	const axis = [0, top / 2, top].map(
		(v) =>
			`<text x="${sx(v).toFixed(1)}" y="${height - 6}" text-anchor="middle">${(v * 100).toFixed(0)} %</text>`,
	);
	return svg(title, height, [...shapes, ...axis]);
}

function svg(title: string, height: number, body: string[]): string {
	return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="system-ui, sans-serif" font-size="12"><text x="0" y="16" font-weight="600" font-size="14">${escape(title)}</text>${body.join('')}</svg>`;
}
