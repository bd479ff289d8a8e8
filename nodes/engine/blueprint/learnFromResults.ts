import { recordEvent } from '../audit/recordEvent';
import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import { FAMILY_ALPHA, spentBy } from '../outcomes/alphaSpending';
import { compareAll } from '../outcomes/compareWithinTouch';
import {
	decideFindings,
	detectableRate,
	type Finding,
	MIN_EFFECT,
} from '../outcomes/decideFindings';
import { listOutcomes, type OutcomeOptions } from '../outcomes/listOutcomes';
import { type OutcomeSummary, summarizeOutcomes } from '../outcomes/summarizeOutcomes';
import type { BlueprintRecord } from './blueprintRecord';
import { type BlueprintDiff, diffBlueprints } from './diffBlueprints';
import { loadBlueprint } from './getBlueprint';
import { saveBlueprint } from './saveBlueprint';
import type { BlueprintBody, ResultsLookRecord, Rule } from './types';

const FEATURE_WORDS: Record<Finding['feature'], string> = {
	ctaType: 'the CTA type',
	subjectPattern: 'the subject',
	lengthBand: 'a body of',
	variant: '',
};

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** A do (the value is answered positively more) or a don't (less), with the numbers behind it. */
export function ruleOf(f: Finding): Rule {
	const better = f.difference > 0;
	const what = `${FEATURE_WORDS[f.feature]} ${JSON.stringify(f.value)}`.trim();
	return {
		id: `results.${f.feature}.${f.value.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`,
		kind: better ? 'do' : 'dont',
		text:
			`${better ? 'Prefer' : 'Avoid'} ${what}: ${percent(f.positiveRate)} positive replies (${f.positive} of ${f.sent}) ` +
			`against ${percent(f.rest.positiveRate)} for the rest (${f.rest.positive} of ${f.rest.sent}), compared within touch ${f.touches.join(', ')}`,
		basis: 'data',
		confidence: better ? f.interval.low : 1 - f.interval.high,
		values: [f.value],
		evidence: {
			sources: ['results'],
			n: f.sent,
			count: f.positive,
			share: f.positiveRate,
			interval: [f.interval.low, f.interval.high],
			bySource: {
				[f.value]: { n: f.sent, share: f.positiveRate },
				rest: { n: f.rest.sent, share: f.rest.positiveRate },
			},
		},
		note:
			`learned from this campaign's results: Mantel–Haenszel difference ${points(f.difference)} points ` +
			`(95 % interval ${points(f.differenceInterval.low)} to ${points(f.differenceInterval.high)}), ` +
			`z ${f.z}, p ${f.pValue < 0.0001 ? '< 0.0001' : `= ${f.pValue}`} against a Holm level of ${f.level.toPrecision(2)}`,
	};
}

/** One look of the results loop at the campaign's results, and the share of the budget it spent. */
export type ResultsLook = ResultsLookRecord;

export interface LearnResult {
	created: boolean;
	/** Why no version was proposed, when none was. */
	reason?: string;
	/** The proposed version: it waits until a person makes it active (Activate Version). */
	blueprint?: BlueprintRecord;
	diff?: BlueprintDiff;
	summary: OutcomeSummary;
	look: ResultsLook;
	/** Every comparison, decided: the credible ones became rules. */
	findings: Finding[];
}

const ALPHA_EVENT = 'results_looked';

/** The budget spent by the campaign's earlier looks (the spending function at their largest fraction). */
async function spentSoFar(engine: Engine, campaignId: string): Promise<number> {
	const { rows } = await engine.db.query<{ spent: number | null }>(
		`select max((data->>'spentAfter')::float8) as spent from campaign_events
		where campaign_id = $1 and type = $2`,
		[campaignId, ALPHA_EVENT],
	);
	return Number(rows[0]?.spent ?? 0);
}

/** Why nothing was proposed, with what the largest tested comparison could have found. */
function nothingCredible(findings: Finding[], look: ResultsLook): string {
	const head =
		`No difference in this campaign's positive replies is credible yet: ${look.finished} finished of ${look.planned} planned messages ` +
		`(look at ${(look.informationFraction * 100).toFixed(0)} % of the plan, tested at ${look.alpha.toPrecision(2)} of the ${FAMILY_ALPHA} budget)`;
	if (look.alpha <= 0)
		return look.spentBefore >= FAMILY_ALPHA
			? `This campaign's error budget (${FAMILY_ALPHA}) is spent: its results were tested once all ${look.planned} planned messages had finished, and what they showed stands (a waiting proposal stays in campaign status). More prospects or a new campaign start a new test.`
			: look.finished === 0
				? `No results to learn from yet: 0 finished of ${look.planned} planned messages (a message finishes when it is answered or bounces, or when its sequence has ended and stayed quiet for 7 days).`
				: `Nothing new to test since the last look: ${look.finished} finished of ${look.planned} planned messages (${(look.informationFraction * 100).toFixed(0)} % of the plan).`;
	const largest = findings
		.filter((f) => f.tested)
		.sort((a, b) => Math.min(b.sent, b.rest.sent) - Math.min(a.sent, a.rest.sent))[0];
	if (!largest)
		return `${head}; a comparison needs at least 30 counted messages (finished, not bounced) on each side, within the same touch.`;
	const detectable = detectableRate(
		largest.sent,
		largest.rest.sent,
		largest.rest.positiveRate,
		largest.level || look.alpha / Math.max(look.families, 1),
	);
	const against = percent(largest.rest.positiveRate);
	return detectable === null
		? `${head}; at this look no difference between ${largest.value} (${largest.sent}) and the rest (${largest.rest.sent}) could be found.`
		: `${head}; with ${largest.sent} messages of ${largest.value} against ${largest.rest.sent} others this look could detect ${percent(detectable)} against ${against} positive replies (80 % power), not a smaller difference.`;
}

/** The rules a proposal would add or change, against what the active version already says. */
const sameRule = (a: Rule, b: Rule) => a.id === b.id && a.kind === b.kind;

/**
 * The "from results" synthesis. Success is a positive reply; each copy choice (CTA type, subject,
 * length, variant) is compared with the rest within each touch (Cochran–Mantel–Haenszel), every
 * comparison of every feature under one family-wise budget (Holm), spent across the scheduled
 * loop's looks (O'Brien–Fleming-type alpha spending over the planned messages), and a credible
 * difference must be at least MIN_EFFECT. What passes becomes a do or a don't in a version that
 * is only *proposed*: nothing changes until a person activates it. No version is made when nothing
 * is credible (the result says what the data could have found), when the active version already
 * says the same, or when a waiting proposal does.
 */
export async function learnFromResults(
	engine: Engine,
	campaignId: unknown,
	actor?: string,
	options: OutcomeOptions = {},
): Promise<LearnResult> {
	const campaign = await loadCampaign(engine.db, campaignId);
	const active = await loadBlueprint(engine.db, campaign.id);
	const outcomes = await listOutcomes(engine, campaign.id, options);
	const summary = summarizeOutcomes(outcomes);
	const { rows: plan } = await engine.db.query<{ planned: number }>(
		"select count(*)::int as planned from drafts where campaign_id = $1 and status in ('approved', 'sent')",
		[campaign.id],
	);
	const finished = summary.sent - summary.byOutcome.pending;
	const planned = Math.max(Number(plan[0]?.planned ?? 0), summary.sent);
	const informationFraction = planned ? Math.min(1, finished / planned) : 0;
	const spentBefore = await spentSoFar(engine, campaign.id);
	const spentAfter = Math.max(spentBefore, spentBy(informationFraction));
	const comparisons = compareAll(outcomes);
	const findings = decideFindings(comparisons, spentAfter - spentBefore);
	const look: ResultsLook = {
		informationFraction: Math.round(informationFraction * 10_000) / 10_000,
		finished,
		planned,
		spentBefore,
		spentAfter,
		alpha: spentAfter - spentBefore,
		families: new Set(findings.filter((f) => f.tested).map((f) => f.family)).size,
	};
	const credible = findings.filter((f) => f.credible);
	await recordEvent(engine.db, {
		campaignId: campaign.id,
		type: ALPHA_EVENT,
		actor,
		data: { ...look, credible: credible.length, minEffect: MIN_EFFECT },
	});
	if (!credible.length)
		return { created: false, reason: nothingCredible(findings, look), summary, look, findings };
	const learned = credible.map(ruleOf);
	const activeRules = [...active.body.dos, ...active.body.donts];
	if (learned.every((r) => activeRules.some((a) => sameRule(a, r))))
		return {
			created: false,
			reason: `The active version ${active.version} already has every rule these results support: nothing to propose.`,
			summary,
			look,
			findings,
		};
	const ids = new Set(learned.map((r) => r.id));
	const keep = (rules: Rule[]) =>
		rules.filter((r) => !r.id.startsWith('results.') && !ids.has(r.id));
	const body: BlueprintBody = {
		...active.body,
		dos: [...keep(active.body.dos), ...learned.filter((r) => r.kind === 'do')],
		donts: [...keep(active.body.donts), ...learned.filter((r) => r.kind === 'dont')],
		results: { fromVersion: active.version, summary, look, findings: credible },
	};
	// The same rules as a proposal still waiting (the weekly loop over unchanged results): no copy.
	const { rows: waiting } = await engine.db.query<{ version: number; body: BlueprintBody }>(
		`select version, body from blueprints where campaign_id = $1 and status = 'proposed'
			order by version desc`,
		[campaign.id],
	);
	const same = waiting.find((w) => {
		const rules = [...w.body.dos, ...w.body.donts];
		return (
			rules.length === body.dos.length + body.donts.length &&
			[...body.dos, ...body.donts].every((r) => rules.some((x) => sameRule(x, r)))
		);
	});
	if (same) {
		return {
			created: false,
			reason: `Version ${same.version} already proposes these rules: activate it (Activate Version ${same.version}) or wait for more replies.`,
			summary,
			look,
			findings,
		};
	}
	const blueprint = await saveBlueprint(
		engine,
		campaign.id,
		body,
		active.inputs,
		actor,
		'proposed',
	);
	const diff = await diffBlueprints(engine, campaign.id, active.version, blueprint.version);
	return { created: true, blueprint, diff, summary, look, findings };
}
