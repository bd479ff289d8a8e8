import sbd from 'sbd';

import type { Campaign } from '../campaign/types';
import { OUTCOME_TERMS, PROBLEM_TERMS } from '../features/lexicons';
import type { DerivedRules } from './deriveRules';
import type { FirstTouchSample } from './loadSamples';
import { TOKENS } from '../stats/subjectGeneralizer';
import { subjectFits, subjectPatterns } from './subjectPatterns';
import type { Rule, RuleId, Synthesis } from './types';

const sentencesOf = (text: string) =>
	sbd
		.sentences(text, { newline_boundaries: true })
		.map((s) => s.trim())
		.filter(Boolean);

const limit = (rules: Rule[], id: RuleId) => rules.find((r) => r.id === id);

function valueSentence(sentence: string): boolean {
	const words = ` ${sentence.toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, ' ')} `;
	return [...OUTCOME_TERMS, ...PROBLEM_TERMS].some((term) => words.includes(` ${term} `));
}

/** Subjects to fall back on when the analysed mail offers none that fit the limits. */
function fallbackSubjects(brand: string): string[] {
	return [
		`Question about ${TOKENS.company}`,
		`${TOKENS.firstName}, quick question`,
		`Idea for ${TOKENS.company}`,
		`${brand} for ${TOKENS.company}?`,
	];
}

/** The deterministic path's tone (its measured bounds follow) and openings: the engine's words. */
export const DETERMINISTIC_TONE = 'Plain, direct and conversational';
export const DETERMINISTIC_OPENINGS = [
	'Open with one specific observation about the prospect (a hire, a post, a launch, funding news) in the first sentence; never open with your name or company.',
	'Open with why you are writing to this prospect in particular; never open with your name or company.',
] as const;

/**
 * The synthesis without a model: positioning and value propositions in the campaign's own words
 * (its additional context), tone and opening guidance from the rules, example subjects from the
 * most used patterns of the analysed first touches. Same inputs, same text.
 */
export function deterministicSynthesis(
	campaign: Campaign,
	rules: DerivedRules,
	samples: FirstTouchSample[],
): Synthesis {
	const brand = campaign.brand.name;
	const context = sentencesOf(campaign.additionalContext);
	const lead = context.slice(0, 2).join(' ');
	const positioning = context.length
		? lead.toLowerCase().startsWith(brand.toLowerCase())
			? lead
			: `${brand}: ${lead}`
		: `${brand}${campaign.brand.website ? ` (${campaign.brand.website})` : ''}`;
	const valued = context.filter(valueSentence);
	const valuePropositions = (valued.length ? valued : context.slice(2)).slice(0, 3);

	const words = limit(rules.limits, 'words');
	const grade = limit(rules.limits, 'reading_grade');
	const prospectFocus = rules.dos.find((r) => r.id === 'prospect_focus');
	const tone = [
		DETERMINISTIC_TONE,
		`${words?.min}–${words?.max} words`,
		`readable at grade ${grade?.max} or below`,
		prospectFocus ? 'about the prospect more than about the sender' : null,
		'one soft ask',
	]
		.filter(Boolean)
		.join('; ');

	const opening = rules.dos.find((r) => r.id === 'opening');
	const openingGuidance =
		DETERMINISTIC_OPENINGS[opening?.values?.[0] === 'prospect_reference' ? 0 : 1];

	// Competitor mail informs the rules, never the words: subjects come from the brand's own mail
	// whenever it has any (a competitor's subject is written for another product).
	const brandSamples = samples.filter((s) => s.source === 'brand');
	const patterns = subjectPatterns(brandSamples.length ? brandSamples : samples, rules.limits, {
		competitors: campaign.competitors.map((c) => c.name),
		brand,
	});
	const extra = fallbackSubjects(brand).filter((s) => subjectFits(s, rules.limits));
	const exampleSubjects = [...patterns, ...extra.filter((s) => !patterns.includes(s))].slice(0, 5);

	return {
		path: 'deterministic',
		positioning,
		valuePropositions,
		tone,
		openingGuidance,
		exampleSubjects,
	};
}
