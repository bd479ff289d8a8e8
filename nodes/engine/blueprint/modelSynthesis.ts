import type { Campaign } from '../campaign/types';
import type { Support } from '../grounding';
import { type ChatMessage, type ChatModel, parseJsonReply, replyText } from './chatModel';
import { checkSynthesis } from './checkSynthesis';
import type { DerivedRules } from './deriveRules';
import type { FirstTouchSample } from './loadSamples';
import { synthesisPrompt, untrustedExcerpts } from './synthesisPrompt';
import { type ModelSynthesis, schemaErrors } from './synthesisSchema';
import type { Rule, Synthesis } from './types';
import { openingText, toneText } from './voiceOptions';

export interface ModelResult {
	synthesis: Synthesis | null;
	/** The limits after the model's accepted tightening (unchanged when the model failed). */
	limits: Rule[];
	attempts: number;
	refused: string[];
	errors: string[];
}

/**
 * Asks the chat model for the Blueprint's words, validates the answer against the schema and the
 * statistical bounds, and re-prompts with what was wrong, up to `maxTries` times. A null synthesis
 * means every try failed; the caller then runs the deterministic path and says why.
 */
export async function modelSynthesis(
	model: ChatModel,
	campaign: Campaign,
	rules: DerivedRules,
	samples: FirstTouchSample[],
	corpusCompanies: string[] = [],
	maxTries = 3,
	support?: Support,
): Promise<ModelResult> {
	const excerpts = untrustedExcerpts(samples);
	const { system, user } = synthesisPrompt(campaign, rules, excerpts);
	const messages: ChatMessage[] = [
		['system', system],
		['human', user],
	];
	const screen = {
		supportText: [
			campaign.brand.name,
			campaign.brand.website ?? '',
			campaign.additionalContext,
			...samples.filter((s) => s.source === 'brand').flatMap((s) => [s.subject, s.opening ?? '']),
		].join('\n'),
		competitors: campaign.competitors.map((c) => c.name),
		brand: campaign.brand.name,
		corpusCompanies,
		userText: campaign.additionalContext,
		support,
	};
	const refused: string[] = [];
	let errors: string[] = [];
	for (let attempt = 1; attempt <= maxTries; attempt++) {
		const reply = await model.invoke(messages);
		const text = replyText(reply.content);
		const parsed = parseJsonReply(text);
		errors = parsed.error ? [parsed.error] : schemaErrors(parsed.value);
		if (errors.length === 0) {
			const output = parsed.value as ModelSynthesis;
			const check = checkSynthesis(
				output,
				rules.limits,
				[...excerpts, ...samples.map((s) => s.opening ?? '')],
				screen,
			);
			refused.push(...check.refused);
			errors = check.errors;
			if (errors.length === 0) {
				return {
					synthesis: {
						path: 'model',
						model: model.name,
						positioning: output.positioning,
						valuePropositions: output.valuePropositions,
						tone: toneText(output.tone),
						openingGuidance: openingText(output.openingGuidance),
						exampleSubjects: output.exampleSubjects,
						attempts: attempt,
						refused,
					},
					limits: check.rules,
					attempts: attempt,
					refused,
					errors: [],
				};
			}
		}
		messages.push(
			['ai', text],
			[
				'human',
				`Your answer was rejected:\n${errors.map((e) => `- ${e}`).join('\n')}\nAnswer again with the corrected JSON object only.`,
			],
		);
	}
	return { synthesis: null, limits: rules.limits, attempts: maxTries, refused, errors };
}
