import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import type { GroupFinding } from '../outcomes/compareGroups';
import { listOutcomes, type OutcomeOptions } from '../outcomes/listOutcomes';
import { type OutcomeSummary, summarizeOutcomes } from '../outcomes/summarizeOutcomes';
import { type BlueprintRecord, contentHash } from './blueprintRecord';
import { type BlueprintDiff, diffBlueprints } from './diffBlueprints';
import { loadBlueprint } from './getBlueprint';
import { saveBlueprint } from './saveBlueprint';
import type { BlueprintBody, Rule } from './types';

const FEATURE_WORDS: Record<GroupFinding['feature'], string> = {
	ctaType: 'the CTA type',
	subjectPattern: 'the subject',
	lengthBand: 'a body of',
	gapDays: 'a gap of',
	step: '',
	variant: '',
};

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** A do (the value replies more) or a don't (less), with the numbers that make it credible. */
export function ruleOf(f: GroupFinding): Rule {
	const better = f.difference > 0;
	const what = `${FEATURE_WORDS[f.feature]} ${JSON.stringify(f.value)}`.trim();
	return {
		id: `results.${f.feature}.${f.value.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`,
		kind: better ? 'do' : 'dont',
		text:
			`${better ? 'Prefer' : 'Avoid'} ${what}: ${percent(f.replyRate)} replied (${f.replied} of ${f.sent}) ` +
			`against ${percent(f.rest.replyRate)} for the rest (${f.rest.replied} of ${f.rest.sent})`,
		basis: 'data',
		confidence: better ? f.interval.low : 1 - f.interval.high,
		values: [f.value],
		evidence: {
			sources: ['results'],
			n: f.sent,
			count: f.replied,
			share: f.replyRate,
			interval: [f.interval.low, f.interval.high],
			bySource: {
				[f.value]: { n: f.sent, share: f.replyRate },
				rest: { n: f.rest.sent, share: f.rest.replyRate },
			},
		},
		note:
			`learned from this campaign's results: difference ${points(f.difference)} points ` +
			`(interval ${points(f.differenceInterval.low)} to ${points(f.differenceInterval.high)}), ` +
			`z ${f.z}, p ${f.pValue < 0.0001 ? '< 0.0001' : `= ${f.pValue}`}`,
	};
}

export interface LearnResult {
	created: boolean;
	/** Why no version was proposed, when none was. */
	reason?: string;
	/** The proposed version: it waits until a person makes it active (Activate Version). */
	blueprint?: BlueprintRecord;
	diff?: BlueprintDiff;
	summary: OutcomeSummary;
}

/**
 * The "from results" synthesis: the active Blueprint plus a do or a don't for every credible
 * difference in the campaign's own outcomes (compareGroups: a corrected two-proportion test,
 * at least 30 finished messages a side), with the evidence, as a new version that is only
 * *proposed*. Nothing changes the active Blueprint or an approved sequence until a person
 * activates it. Without a credible difference no version is made, and the result says why.
 */
export async function learnFromResults(
	engine: Engine,
	campaignId: unknown,
	actor?: string,
	options: OutcomeOptions = {},
): Promise<LearnResult> {
	const campaign = await loadCampaign(engine.db, campaignId);
	const active = await loadBlueprint(engine.db, campaign.id);
	const summary = summarizeOutcomes(await listOutcomes(engine, campaign.id, options));
	if (!summary.findings.length) {
		const finished = summary.sent - summary.byOutcome.pending;
		return {
			created: false,
			reason: `No difference in this campaign's results is credible yet: ${finished} finished of ${summary.sent} sent messages, ${summary.byOutcome.replied} replies (a difference needs at least 30 finished messages on each side and p below 0.05 divided by the values compared).`,
			summary,
		};
	}
	const learned = summary.findings.map(ruleOf);
	const ids = new Set(learned.map((r) => r.id));
	const keep = (rules: Rule[]) =>
		rules.filter((r) => !r.id.startsWith('results.') && !ids.has(r.id));
	const { findings, ...rest } = summary;
	const body: BlueprintBody = {
		...active.body,
		dos: [...keep(active.body.dos), ...learned.filter((r) => r.kind === 'do')],
		donts: [...keep(active.body.donts), ...learned.filter((r) => r.kind === 'dont')],
		results: { fromVersion: active.version, summary: rest, findings },
	};
	// The same findings as a proposal still waiting (the weekly loop over unchanged results): no copy.
	const { rows: same } = await engine.db.query<{ version: number }>(
		`select version from blueprints where campaign_id = $1 and status = 'proposed'
			and content_hash = $2 order by version desc limit 1`,
		[campaign.id, contentHash(body)],
	);
	if (same[0]) {
		return {
			created: false,
			reason: `Version ${same[0].version} already proposes these rules from the same results: activate it (Activate Version ${same[0].version}) or wait for more replies.`,
			summary,
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
	return { created: true, blueprint, diff, summary };
}
