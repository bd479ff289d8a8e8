import type { LearnedResults, BlueprintBody, BlueprintInputs, Evidence, Rule } from '../types';
import { competitorDifferences } from './competitorDifferences';
import { limitsOrigin } from './limitsOrigin';

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
		...limitsOrigin(body.limits),
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
	const look = r.look;
	const rate = (x: { positive: number; counted: number; positiveRate: number }) =>
		`${pct1(x.positiveRate)} (${x.positive}/${x.counted})`;
	return [
		'## What worked for you',
		`Learned from this campaign's own results on top of v${r.fromVersion}: ${s.sent} messages sent, ${s.positive} positive replies of ${s.counted} counted (${pct1(s.positiveRate)}, 95 % interval ${pct1(s.positiveInterval.low)}–${pct1(s.positiveInterval.high)}), ${s.byOutcome.replied} replies in all, ${s.byOutcome.bounced} bounced (not counted), ${s.byOutcome.unsubscribed} unsubscribed, ${s.byOutcome.no_answer} without an answer, ${s.byOutcome.pending} still pending. Nothing here is active until a person makes this version active.`,
		[
			'| Feature | Value | Positive | Rest | Difference within touch (interval) | p | Holm level |',
			'|---|---|---|---|---|---|---|',
			...r.findings.map(
				(f) =>
					`| ${f.feature} | ${cell(f.value)} | ${pct1(f.positiveRate)} (${f.positive}/${f.sent}) | ${pct1(f.rest.positiveRate)} (${f.rest.positive}/${f.rest.sent}) | ${(f.difference * 100).toFixed(1)} points (${(f.differenceInterval.low * 100).toFixed(1)} to ${(f.differenceInterval.high * 100).toFixed(1)}) | ${f.pValue < 0.0001 ? '< 0.0001' : f.pValue} | ${f.level.toPrecision(2)} |`,
			),
		].join('\n'),
		[
			'| Touch | Sent | Replied | Positive (of counted) |',
			'|---|---|---|---|',
			...s.perStep.map((t) => `| ${t.step} | ${t.sent} | ${t.replied} | ${rate(t)} |`),
		].join('\n'),
		...(s.perVariant.length
			? [
					[
						'| Variant | Sent | Replied | Positive (of counted) |',
						'|---|---|---|---|',
						...s.perVariant.map(
							(v) => `| ${cell(v.variant)} | ${v.sent} | ${v.replied} | ${rate(v)} |`,
						),
					].join('\n'),
				]
			: []),
		`How: success is a positive reply; replies that say no or not now, unsubscriptions and complaints count against, bounces are left out (they are about the address). Each value of a copy choice (CTA type, subject pattern, length, variant) is compared with the rest of its values within each touch (Cochran–Mantel–Haenszel), so touch and gap, which every sequence answers less at later touches, are reported per touch and never proposed. Every comparison shares one family-wise budget of 0.05 (Holm–Bonferroni), spent across the scheduled looks by an O'Brien–Fleming-type function of the share of planned messages finished${look ? ` (this look: ${(look.informationFraction * 100).toFixed(0)} % of ${look.planned}, at ${look.alpha.toPrecision(2)})` : ''}; a credible difference is also at least 3 points. Each became a do or a don't above.`,
	];
}
