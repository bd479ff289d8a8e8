/**
 * The tone and the opening a model may choose for a Blueprint, as named values the engine renders
 * into words: a model picks from these, it never writes them, so neither field can carry an
 * instruction in any language or spelling.
 */
export const TONES = {
	plain: 'plain words, no jargon',
	direct: 'direct: the point in the first lines',
	warm: 'warm and personal',
	friendly: 'friendly, as between colleagues',
	concise: 'concise: every sentence earns its place',
	curious: 'curious about the prospect’s situation',
	consultative: 'consultative: an expert’s view, not a pitch',
	formal: 'formal and courteous',
	confident: 'confident without overstating',
	playful: 'light and playful',
} as const;

export const OPENINGS = {
	prospect_observation:
		'Open with one specific observation about the prospect (a hire, a post, a launch, funding news); never with your own name or company.',
	shared_context:
		'Open with what the brand and the prospect have in common (a shared customer, market or event).',
	problem_first: 'Open with the problem the prospect’s team most likely has, in their terms.',
	question_first: 'Open with one short question about how the prospect’s team works today.',
	relevant_result: 'Open with a result the brand got for a company like the prospect’s.',
	referral: 'Open with who suggested writing, when someone did.',
} as const;

export type Tone = keyof typeof TONES;
export type Opening = keyof typeof OPENINGS;

/** The words a Blueprint stores for the model's chosen tones. */
export const toneText = (tones: Tone[]) => [...new Set(tones)].map((t) => TONES[t]).join('; ');

/** The words a Blueprint stores for the model's chosen opening. */
export const openingText = (opening: Opening) => OPENINGS[opening];
