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

/** What kind of refusal a reason is, by the words the checks write. */
const KINDS: Array<[RegExp, string]> = [
	[/reads as an instruction|speaks of the email or its writer/, 'addressed to the writer'],
	[/is a claim|are claims/, 'claims the campaign material does not make'],
	[/words the campaign's material never does/, 'words the campaign material never uses'],
	[
		/the link|holds the address|phone number|postal address/,
		'a link or contact detail nobody gave',
	],
	[
		/names the competitor|names .*, a company the analysed mail/,
		'names a competitor or another prospect',
	],
	[/copies text from the analysed emails/, 'copies the analysed mail'],
	[/markup/, 'markup'],
	[/subject limits|placeholders|specifics of one prospect/, 'a subject that breaks the rules'],
];

/**
 * A refusal as the Blueprint records it: the field and what kind of refusal, never the refused
 * words themselves (the retry prompt quotes them; the stored Blueprint does not carry them on).
 * Bound checks name only the engine's own numbers and are kept whole.
 */
function recorded(reason: string): string {
	if (reason.startsWith('tightenLimits')) return reason;
	const field = /^([\w.[\]]+):/.exec(reason)?.[1];
	const kinds = KINDS.filter(([p]) => p.test(reason)).map(([, k]) => k);
	return `${field ? `${field}: ` : ''}refused (${kinds.join('; ') || 'did not pass the checks'})`;
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
			refused.push(...check.refused.map(recorded));
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
	return {
		synthesis: null,
		limits: rules.limits,
		attempts: maxTries,
		refused,
		errors: errors.map(recorded),
	};
}
