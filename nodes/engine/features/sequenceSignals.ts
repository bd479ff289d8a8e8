export type CadenceBucket = 'same_day' | '1-2d' | '3-4d' | '5-7d' | '8-14d' | '15+d';

export interface SequenceSignals {
	/** 1 for the first touch of a thread, 2 for the first follow-up… */
	step: number | null;
	/** 0 for the first touch, 1 for the first follow-up… */
	followUpIndex: number | null;
	gapDays: number | null;
	cadenceBucket: CadenceBucket | null;
	/** Word-trigram overlap (Jaccard) with the previous touch's body; null on a first touch. */
	similarityToPrevious: number | null;
	/** The body repeats the previous touch (overlap ≥ 0.6) rather than saying something new. */
	repeatsPrevious: boolean | null;
}

const REPEAT_THRESHOLD = 0.6;

/** Buckets by elapsed days: [0,1) same day, [1,3) 1–2 d, [3,5) 3–4 d, [5,8) 5–7 d, [8,15) 8–14 d. */
export function cadenceBucket(gapDays: number): CadenceBucket {
	if (gapDays < 1) return 'same_day';
	if (gapDays < 3) return '1-2d';
	if (gapDays < 5) return '3-4d';
	if (gapDays < 8) return '5-7d';
	if (gapDays < 15) return '8-14d';
	return '15+d';
}

function trigrams(text: string): Set<string> {
	const words = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
	const grams = new Set<string>();
	for (let i = 0; i + 2 < words.length; i++)
		grams.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
	if (grams.size === 0 && words.length) grams.add(words.join(' '));
	return grams;
}

export function jaccard(a: string, b: string): number {
	const x = trigrams(a);
	const y = trigrams(b);
	if (x.size === 0 && y.size === 0) return 1;
	let shared = 0;
	for (const gram of x) if (y.has(gram)) shared++;
	return shared / (x.size + y.size - shared);
}

export function sequenceSignals(
	threadPosition: number | null,
	gapSeconds: number | null,
	core: string,
	previousCore: string | null,
): SequenceSignals {
	const gapDays = gapSeconds === null ? null : Math.round((gapSeconds / 86_400) * 100) / 100;
	const similarity = previousCore === null ? null : jaccard(core, previousCore);
	return {
		step: threadPosition,
		followUpIndex: threadPosition === null ? null : threadPosition - 1,
		gapDays,
		cadenceBucket: gapDays === null ? null : cadenceBucket(gapDays),
		similarityToPrevious: similarity === null ? null : Math.round(similarity * 1000) / 1000,
		repeatsPrevious: similarity === null ? null : similarity >= REPEAT_THRESHOLD,
	};
}
