import MarkdownIt from 'markdown-it';

import type { BlueprintBody, BlueprintInputs, GroupStats } from '../types';
import { renderMarkdown } from './renderMarkdown';
import { wilson } from '../../stats/intervals';
import { rangeChart, rateChart, stackedShares } from './svgCharts';

// html: false — every text in the report may come from email or a model, so raw HTML is escaped.
const markdownIt = new MarkdownIt({ html: false, linkify: false });

const CTA_TYPES = [
	'interest_question',
	'reply_request',
	'meeting_ask',
	'calendar_link',
	'other_link',
	'several',
	'none',
];
const BUCKETS = ['same_day', '1-2d', '3-4d', '5-7d', '8-14d', '15+d'];

const label = (g: GroupStats) => g.group.replace(/^competitor:/, '');

/** The sources compared in the charts: the brand, each competitor, all competitors. */
function chartGroups(inputs: BlueprintInputs): GroupStats[] {
	const competitors = Object.keys(inputs.groups)
		.filter((k) => k.startsWith('competitor:'))
		.sort();
	return ['brand', ...competitors, ...(competitors.length > 1 ? ['competitors'] : [])]
		.map((k) => inputs.groups[k])
		.filter((g) => g && g.emails > 0);
}

function charts(body: BlueprintBody, inputs: BlueprintInputs): string[] {
	const groups = chartGroups(inputs);
	if (!groups.length) return [];
	const words = body.limits.find((r) => r.id === 'words');
	return [
		stackedShares(
			'CTA mix on first touches',
			groups.map((g) => ({ label: label(g), counts: g.categories.cta_type['1'] ?? {} })),
			CTA_TYPES,
		),
		rangeChart(
			'Body length (words): 10th–90th percentile, quartiles, median; green = Blueprint',
			groups.map((g) => ({ label: label(g), quantiles: g.numeric.word_count.quantiles })),
			{ min: words?.min, max: words?.max },
			'words',
		),
		stackedShares(
			'Cadence: gap before each follow-up',
			groups.map((g) => ({ label: label(g), counts: g.categories.cadence_bucket.all ?? {} })),
			BUCKETS,
		),
	];
}

/** A "from results" version: reply rate per touch, per variant, and each credible difference. */
function resultCharts(body: BlueprintBody): string[] {
	const r = body.results;
	if (!r) return [];
	const row = (label: string, x: { positive: number; counted: number; positiveRate: number }) => ({
		label,
		rate: x.positiveRate,
		low: wilson(x.positive, x.counted).low,
		high: wilson(x.positive, x.counted).high,
	});
	return [
		rateChart(
			'Positive replies per touch (95 % interval)',
			r.summary.perStep.map((s) => row(`touch ${s.step}`, s)),
		),
		...(r.summary.perVariant.length
			? [
					rateChart(
						'Positive replies per variant (95 % interval)',
						r.summary.perVariant.map((v) => row(`variant ${v.variant}`, v)),
					),
				]
			: []),
		rateChart(
			'Credible differences: the value against the rest',
			r.findings.flatMap((f) => [
				row(f.value, { ...f, counted: f.sent }),
				row(`rest of ${f.feature}`, { ...f.rest, counted: f.rest.sent }),
			]),
		),
	];
}

/**
 * The Blueprint report for the approval page: Markdown, and HTML with SVG charts of brand vs
 * competitor distributions. Deterministic: the same Blueprint renders the same bytes.
 */
export function renderReport(input: {
	version: number;
	body: BlueprintBody;
	inputs: BlueprintInputs;
}): { markdown: string; html: string } {
	const markdown = renderMarkdown(input.version, input.body, input.inputs);
	const figures = charts(input.body, input.inputs);
	const results = resultCharts(input.body);
	const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${markdownIt.utils.escapeHtml(`Blueprint v${input.version} — ${input.body.campaign.brand}`)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #cbd5e1;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f1f5f9}figure{margin:1.5rem 0}code{background:#f1f5f9;padding:0 .2rem}</style>
</head><body>
${markdownIt.render(markdown)}
${figures.length ? `<h2>Brand vs competitors</h2>\n${figures.map((f) => `<figure>${f}</figure>`).join('\n')}` : ''}
${results.length ? `<h2>What worked for you: reply rates</h2>\n${results.map((f) => `<figure>${f}</figure>`).join('\n')}` : ''}
</body></html>
`;
	return { markdown, html };
}
