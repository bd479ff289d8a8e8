import type { LearnedResults, BlueprintBody, BlueprintInputs, Evidence, Rule } from '../types';
import { competitorDifferences } from './competitorDifferences';

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** Table cells hold email-derived text: pipes and line breaks would break the table. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

const sourceName = (group: string) => group.replace(/^competitor:/, '');

export function evidenceText(e: Evidence | null): string {
	if (!e || e.n === 0) return 'no data';
	const per = Object.entries(e.bySource).map(([group, s]) =>
		s.share !== undefined
			? `${sourceName(group)} ${pct(s.share)}`
			: `${sourceName(group)} ${s.median}`,
	);
	const pooled =
		e.share !== undefined
			? `${pct(e.share)} of ${e.n} (95 % CI ${pct(e.interval?.[0] ?? 0)}–${pct(e.interval?.[1] ?? 1)})`
			: `median ${e.median} of ${e.n} (IQR ${e.p25}–${e.p75})`;
	return per.length ? `${pooled}; ${per.join(', ')}` : pooled;
}

function ruleTable(rules: Rule[]): string {
	const rows = rules.map(
		(r) =>
			`| ${cell(r.text)} | ${r.basis} | ${r.confidence ?? '–'} | ${cell(evidenceText(r.evidence))}${r.note ? ` — ${cell(r.note)}` : ''} |`,
	);
	return ['| Rule | Basis | Confidence | Evidence |', '|---|---|---|---|', ...rows].join('\n');
}

const list = (items: string[]) =>
	items.map((i) => `- ${i.replace(/\n+/g, ' ')}`).join('\n') || '- (none)';

/** The report as Markdown: what the Blueprint says, on what evidence, and what it could not learn. */
export function renderMarkdown(
	version: number,
	body: BlueprintBody,
	inputs: BlueprintInputs,
): string {
	const s = body.synthesis;
	const e = inputs.emails;
	const window = inputs.window.from
		? `${inputs.window.from.slice(0, 10)} to ${inputs.window.to?.slice(0, 10)}`
		: 'no dated mail';
	const synthesis =
		s.path === 'model'
			? `model (${s.model}, ${s.attempts} tr${s.attempts === 1 ? 'y' : 'ies'})`
			: `deterministic${s.fallbackReason ? ` — ${s.fallbackReason}` : ''}`;
	const parts = [
		`# Blueprint v${version} — ${body.campaign.brand}`,
		`Learned from **${body.learnFrom}** mail: ${e.featurized} emails analysed (${e.brand} brand, ${e.competitor} competitor; ${inputs.followUps} follow-ups), sent ${window}. Competitors: ${body.campaign.competitors.join(', ') || 'none'}. Synthesis: ${synthesis}.`,
	];
	if (body.lowData.warnings.length) {
		parts.push(
			`## ${body.lowData.isLow ? 'Low data' : 'Notes on the data'}`,
			list(body.lowData.warnings.map((w) => `**${w.message}** ${w.add}`)),
		);
	}
	parts.push(
		'## What the competitors do differently',
		list(competitorDifferences(inputs)),
		'## Positioning',
		s.positioning,
		'## Value propositions',
		list(s.valuePropositions),
		'## Tone',
		s.tone,
		'## Opening',
		s.openingGuidance,
		'## Example subject lines',
		list(s.exampleSubjects.map((x) => `\`${x}\``)),
		'## Limits',
		ruleTable(body.limits),
		'## Cadence',
		ruleTable(body.cadence),
		'## Do',
		ruleTable(body.dos),
		"## Don't",
		ruleTable(body.donts),
		'## Signals the data could not decide',
		body.dropped.length
			? [
					'| Signal | Why it was dropped |',
					'|---|---|',
					...body.dropped.map((d) => `| ${d.id} | ${cell(d.reason)} |`),
				].join('\n')
			: 'None: every data rule met the thresholds.',
		`Thresholds: at least ${inputs.thresholds.minSample} emails per rule; a preferred value's 95 % Wilson interval must start at ${inputs.thresholds.minShareLow} or above and be at most ${inputs.thresholds.maxShareWidth} wide; a median's 95 % interval at most ${inputs.thresholds.maxMedianWidth * 100} % of the median.`,
	);
	if (s.refused?.length) parts.push('## Refused model output', list(s.refused));
	if (body.results) parts.push(...resultsSection(body.results));
	return `${parts.join('\n\n')}\n`;
}

const pct1 = (x: number) => `${(x * 100).toFixed(1)} %`;

/** "What worked for you": the campaign's own results a "from results" version rests on. */
function resultsSection(r: LearnedResults): string[] {
	const s = r.summary;
	return [
		'## What worked for you',
		`Learned from this campaign's own results on top of v${r.fromVersion}: ${s.sent} messages sent, ${s.byOutcome.replied} replied (${pct1(s.replyRate)}, 95 % interval ${pct1(s.interval.low)}–${pct1(s.interval.high)}), ${s.byOutcome.bounced} bounced, ${s.byOutcome.unsubscribed} unsubscribed, ${s.byOutcome.no_answer} without an answer, ${s.byOutcome.pending} still pending. Nothing here is active until a person makes this version active.`,
		[
			'| Feature | Value | Replied | Rest | Difference (interval) | p |',
			'|---|---|---|---|---|---|',
			...r.findings.map(
				(f) =>
					`| ${f.feature} | ${cell(f.value)} | ${pct1(f.replyRate)} (${f.replied}/${f.sent}) | ${pct1(f.rest.replyRate)} (${f.rest.replied}/${f.rest.sent}) | ${(f.difference * 100).toFixed(1)} points (${(f.differenceInterval.low * 100).toFixed(1)} to ${(f.differenceInterval.high * 100).toFixed(1)}) | ${f.pValue < 0.0001 ? '< 0.0001' : f.pValue} |`,
			),
		].join('\n'),
		[
			'| Touch | Sent | Replied | Rate (95 % interval) |',
			'|---|---|---|---|',
			...s.perStep.map(
				(t) =>
					`| ${t.step} | ${t.sent} | ${t.replied} | ${pct1(t.replyRate)} (${pct1(t.interval.low)}–${pct1(t.interval.high)}) |`,
			),
			...s.perVariant.map(
				(v) =>
					`| variant ${cell(v.variant)} | ${v.sent} | ${v.replied} | ${pct1(v.replyRate)} (${pct1(v.interval.low)}–${pct1(v.interval.high)}) |`,
			),
		].join('\n'),
		"How: each value of a feature (CTA type, subject pattern, length, gap, touch, variant) against the rest of its values, over finished messages only, by a two-proportion z-test; credible only with at least 30 messages on each side and p below 0.05 divided by the number of values compared (Bonferroni). Each credible difference became a do (replies more) or a don't (replies less) above.",
	];
}
