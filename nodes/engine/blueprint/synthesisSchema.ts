import { z } from 'zod/v4';

import { OPENINGS, TONES } from './voiceOptions';

const toneValues = Object.keys(TONES) as [keyof typeof TONES, ...Array<keyof typeof TONES>];
const openingValues = Object.keys(OPENINGS) as [
	keyof typeof OPENINGS,
	...Array<keyof typeof OPENINGS>,
];

/**
 * What a chat model may contribute to a Blueprint: words, never numbers — except to tighten a
 * bound the statistics set (a narrower range inside it), which is checked after validation. Tone
 * and opening are chosen from named values the engine renders; the free text (positioning, value
 * propositions, example subjects) must be grounded in the user's material.
 */
export const modelSynthesisSchema = z
	.object({
		positioning: z.string().min(20).max(600),
		valuePropositions: z.array(z.string().min(5).max(200)).min(1).max(5),
		tone: z.array(z.enum(toneValues)).min(1).max(3),
		openingGuidance: z.enum(openingValues),
		exampleSubjects: z.array(z.string().min(3).max(80)).min(3).max(8),
		tightenLimits: z
			.array(
				z
					.object({
						id: z.string(),
						min: z.number().optional(),
						max: z.number().optional(),
					})
					.strict(),
			)
			.max(20)
			.optional(),
	})
	.strict();

export type ModelSynthesis = z.infer<typeof modelSynthesisSchema>;

/** The schema as JSON Schema, for the prompt. */
export const MODEL_SYNTHESIS_JSON_SCHEMA = JSON.stringify(z.toJSONSchema(modelSynthesisSchema));

/** Zod's issues as short lines a model can act on ("exampleSubjects: expected at least 3 items"). */
export function schemaErrors(value: unknown): string[] {
	const result = modelSynthesisSchema.safeParse(value);
	if (result.success) return [];
	return result.error.issues.map(
		(issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
	);
}
