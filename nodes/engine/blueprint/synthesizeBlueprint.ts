import { createHash } from 'node:crypto';

import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import { invalidInput, isModelUnavailable } from '../errors';
import { type AggregateWindow, aggregateFeatures } from './aggregateFeatures';
import { type BlueprintRecord, canonicalJson } from './blueprintRecord';
import type { ChatModel } from './chatModel';
import { type DerivedRules, deriveRules } from './deriveRules';
import { detectLowData } from './detectLowData';
import { loadBlueprint } from './getBlueprint';
import { deterministicSynthesis } from './deterministicSynthesis';
import { loadCorpusCompanies } from '../grounding/foreignNames';
import { campaignSupport } from '../grounding';
import { loadFirstTouches } from './loadSamples';
import { modelSynthesis } from './modelSynthesis';
import { saveBlueprint } from './saveBlueprint';
import type { SpamSettings } from '../send/spam/spamCheck';
import { spamThresholdRule } from './spamThreshold';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds';
import type { BlueprintBody, BlueprintInputs, LearnFrom } from './types';

export interface SynthesizeOptions {
	learnFrom?: LearnFrom;
	window?: AggregateWindow;
	thresholds?: Partial<Thresholds>;
	/** The connected chat model; without one the deterministic synthesis runs. */
	model?: ChatModel;
	maxModelTries?: number;
	/** When the model cannot answer at all (down, refused): the deterministic words, or the error. */
	onModelUnavailable?: 'fallback' | 'stop';
	/**
	 * Return the active version (`reused: true`) when its fingerprint is this run's: nothing it
	 * read changed. Off by default: a synthesis asked for explicitly writes a version.
	 */
	reuseUnchanged?: boolean;
	/** spamd, which scores the brand's own mail for the Blueprint's spam-score limit. */
	spam?: SpamSettings;
	actor?: string;
}

/** The rules' own sentences (their measured figures among them), as material a model may quote. */
const ruleFigures = (rules: DerivedRules) =>
	[...rules.limits, ...rules.cadence, ...rules.dos, ...rules.donts].map((r) => r.text).join('\n');

function checkedWindow(window: AggregateWindow): AggregateWindow {
	const parse = (value: string | null | undefined, name: string) => {
		if (!value) return null;
		const date = new Date(value);
		if (Number.isNaN(date.getTime()))
			throw invalidInput(
				`${name} is not a date: "${value}"`,
				'Use an ISO date such as 2026-01-31.',
			);
		return date.toISOString();
	};
	const since = parse(window.since, 'Since');
	const until = parse(window.until, 'Until');
	if (since && until && since >= until)
		throw invalidInput(`Since (${since}) must be before Until (${until})`);
	return { since, until };
}

/**
 * Stage 5: aggregate the features in SQL, let the statistics decide the rules, synthesize the
 * words (with the chat model when one is given, deterministically otherwise), and store the result
 * as the campaign's new active version with its inputs snapshot and report.
 */
export async function synthesizeBlueprint(
	engine: Engine,
	campaignId: unknown,
	options: SynthesizeOptions = {},
): Promise<BlueprintRecord> {
	const campaign = await loadCampaign(engine.db, campaignId);
	const learnFrom = options.learnFrom ?? 'all';
	if (!['all', 'competitors', 'brand'].includes(learnFrom)) {
		throw invalidInput(`Learn From must be all, competitors or brand, got "${learnFrom}"`);
	}
	const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
	const window = checkedWindow(options.window ?? {});
	const aggregates = await aggregateFeatures(engine.db, campaign.id, window);
	const rules = deriveRules(aggregates, learnFrom, thresholds);
	// Outside the model's reach (it may tighten the measured limits, not this one).
	const spamLimit = await spamThresholdRule(engine.db, campaign, options.spam ?? {});
	const samples = await loadFirstTouches(engine.db, campaign.id, learnFrom, window);
	const corpusCompanies = await loadCorpusCompanies(engine.db, campaign.id);
	// The same data, words and model as the active version's: a resubmitted form (a double click,
	// a second try) keeps that version instead of writing an identical one (or asking the model).
	const fingerprint = createHash('sha256')
		.update(
			canonicalJson({
				aggregates,
				rules,
				spamLimit,
				samples,
				corpusCompanies,
				learnFrom,
				thresholds,
				window,
				campaign: [campaign.name, campaign.brand, campaign.competitors, campaign.additionalContext],
				model: options.model?.name ?? null,
			}),
		)
		.digest('hex');
	const active = options.reuseUnchanged
		? await loadBlueprint(engine.db, campaign.id).catch(() => null)
		: null;
	if (options.reuseUnchanged && active?.inputs.fingerprint === fingerprint)
		return { ...active, reused: true };
	let synthesis = deterministicSynthesis(campaign, rules, samples);
	let limits = rules.limits;
	if (options.model) {
		let result: Awaited<ReturnType<typeof modelSynthesis>>;
		try {
			result = await modelSynthesis(
				options.model,
				campaign,
				rules,
				samples,
				corpusCompanies,
				options.maxModelTries ?? 3,
				// The measured figures are the engine's own: a Blueprint may quote them.
				(await campaignSupport(engine.db, campaign, [ruleFigures(rules)])).support,
			);
		} catch (error) {
			if (!isModelUnavailable(error) || options.onModelUnavailable === 'stop') throw error;
			result = {
				synthesis: null,
				limits: rules.limits,
				attempts: 0,
				refused: [],
				errors: [error.message],
			};
		}
		if (result.synthesis) {
			synthesis = result.synthesis;
			limits = result.limits;
		} else {
			synthesis = {
				...synthesis,
				attempts: result.attempts,
				refused: result.refused,
				fallbackReason: result.attempts
					? `the model (${options.model.name}) gave no valid answer in ${result.attempts} tries: ${result.errors.join('; ')}`
					: result.errors.join('; '),
			};
		}
	}
	const body: BlueprintBody = {
		schemaVersion: 1,
		campaign: {
			name: campaign.name,
			brand: campaign.brand.name,
			competitors: campaign.competitors.map((c) => c.name),
		},
		learnFrom,
		lowData: detectLowData(aggregates, learnFrom, thresholds, campaign.additionalContext),
		...rules,
		limits: [...limits, spamLimit],
		synthesis,
		corpusCompanies,
	};
	const all = aggregates.groups.all;
	const inputs: BlueprintInputs = {
		window: { ...all.window, since: window.since ?? null, until: window.until ?? null },
		emails: aggregates.emails,
		followUps: aggregates.followUps,
		thresholds,
		groups: aggregates.groups,
		fingerprint,
	};
	return await saveBlueprint(engine, campaign.id, body, inputs, options.actor);
}
