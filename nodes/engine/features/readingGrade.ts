import { syllable } from 'syllable';

/** Syllables of words as `syllable` counts them, at least one a word. */
export function syllableCount(words: string[]): number {
	return words.reduce((sum, word) => sum + Math.max(1, syllable(word)), 0);
}

/**
 * Flesch–Kincaid grade level (Kincaid et al., 1975) from counts:
 * 0.39 × words/sentences + 11.8 × syllables/words − 15.59. Null without words; floored at 0 (very
 * short, simple text scores below first grade); one decimal.
 */
export function gradeFromCounts(
	words: number,
	sentences: number,
	syllables: number,
): number | null {
	if (words === 0 || sentences === 0) return null;
	const grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
	return Math.max(0, Math.round(grade * 10) / 10);
}

/** The grade of a text's words and sentence count, syllables by `syllable`. */
export function readingGrade(words: string[], sentenceCount: number): number | null {
	return gradeFromCounts(words.length, sentenceCount, syllableCount(words));
}
