/**
 * What the Blueprint falls back on when the mail cannot support a rule, and the outer bounds no
 * learned rule may cross. They follow widely published cold-email practice (docs/blueprint.md,
 * "Defaults"): short plain emails, one soft ask, no hard meeting ask on a first touch, three to
 * five touches a few days apart. Every rule built from them is marked `basis: 'default'`.
 */
export interface RangeDefault {
	min: number;
	max: number;
	/** Learned bounds are clamped into this range; data wholly outside it is not followed. */
	outer: [number, number];
	text: string;
}

export const RANGE_DEFAULTS = {
	words: { min: 40, max: 90, outer: [10, 200], text: 'Body length in words' },
	subject_chars: { min: 15, max: 60, outer: [5, 80], text: 'Subject length in characters' },
	subject_words: { min: 2, max: 8, outer: [1, 12], text: 'Subject length in words' },
} satisfies Record<string, RangeDefault>;

export const MAX_DEFAULTS = {
	links: { max: 1, outer: 2, text: 'Links per email at most' },
	longest_paragraph_words: { max: 50, outer: 80, text: 'Words in the longest paragraph at most' },
	reading_grade: { max: 8, outer: 10, text: 'Reading grade (Flesch-Kincaid) at most' },
	asks_per_email: { max: 1, outer: 1, text: 'Asks (CTAs) per email at most' },
	images: { max: 0, outer: 0, text: 'Images per email' },
} satisfies Record<string, { max: number; outer: number; text: string }>;

/** Touches in a sequence: learned within [2, 6]; 3 when the data cannot say. */
export const TOUCHES = { value: 3, min: 3, max: 5, outer: [2, 6] as [number, number] };

/** Days after the previous touch, per step; later steps use the last entry. Never the same day. */
export const GAP_DEFAULTS: Array<{ min: number; max: number }> = [
	{ min: 2, max: 4 },
	{ min: 3, max: 7 },
	{ min: 5, max: 14 },
];
export const GAP_OUTER: [number, number] = [1, 30];

/** The CTA a step asks with when the data cannot say: interest first, a reply request to close. */
export function defaultCta(step: number, touches: number): string[] {
	if (step > 1 && step === touches) return ['reply_request'];
	return step === 1 ? ['interest_question'] : ['interest_question', 'reply_request'];
}

/** CTAs no first touch may use, whatever the competitors do (a hard ask to a stranger). */
export const HARD_CTAS = ['meeting_ask', 'calendar_link'];

/** Openings a Blueprint recommends; others may be common but are never turned into a "do". */
export const GOOD_OPENINGS = ['prospect_reference'];
