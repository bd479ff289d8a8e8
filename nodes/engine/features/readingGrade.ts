import { syllable } from 'syllable';

/**
 * Flesch–Kincaid grade level (Kincaid et al., 1975):
 * 0.39 × words/sentences + 11.8 × syllables/words − 15.59, syllables counted by `syllable`.
 * Null without words; floored at 0 (very short, simple text scores below first grade).
 */
export function readingGrade(words: string[], sentenceCount: number): number | null {
	if (words.length === 0 || sentenceCount === 0) return null;
	const syllables = words.reduce((sum, word) => sum + Math.max(1, syllable(word)), 0);
	const grade = 0.39 * (words.length / sentenceCount) + 11.8 * (syllables / words.length) - 15.59;
	return Math.max(0, Math.round(grade * 10) / 10);
}
