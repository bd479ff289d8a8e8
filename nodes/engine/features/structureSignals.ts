import { BREAKUP_CUES } from './lexicons';
import { readingGrade } from './readingGrade';
import type { TextParts } from './textParts';
import { wordsOf } from './textParts';
import type { ValueSignals } from './valueSignals';

export type StructureType =
	'breakup' | 'question_led' | 'social_proof' | 'problem_solution' | 'plain';

export interface StructureSignals {
	wordCount: number;
	sentenceCount: number;
	sentenceWords: { mean: number; max: number; p90: number };
	paragraphCount: number;
	longestParagraphWords: number;
	bulletCount: number;
	linkCount: number;
	imageCount: number | null;
	hasPs: boolean;
	signatureChars: number;
	signatureLines: number;
	readingGrade: number | null;
	/** Readable on a phone: no paragraph over 60 words and sentences of 20 words or fewer on average. */
	mobileFriendly: boolean;
	structureType: StructureType;
}

const BULLET = /^\s*([-*•▪–]|\d{1,2}[.)])\s+\S/;

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * Shape and readability of the body. The structure type takes the first that applies: breakup
 * (the sender says this is the last touch), question-led (the first sentence is a question),
 * social proof (named customers or "teams like yours"), problem–solution (a problem and an
 * outcome are both named), else plain.
 */
export function structureSignals(
	parts: TextParts,
	value: ValueSignals,
	signature: string,
	html: string | null,
): StructureSignals {
	const lengths = parts.sentences.map((s) => wordsOf(s).length).sort((a, b) => a - b);
	const mean = lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0;
	const paragraphWords = parts.paragraphs.map((p) => wordsOf(p).length);
	const longest = Math.max(0, ...paragraphWords);
	const core = parts.core;
	let structureType: StructureType = 'plain';
	if (BREAKUP_CUES.some((cue) => cue.test(core))) structureType = 'breakup';
	else if (parts.sentences[0]?.includes('?')) structureType = 'question_led';
	else if (value.proofReferences > 0) structureType = 'social_proof';
	else if (value.problemTerms.length > 0 && value.outcomeTerms.length > 0) {
		structureType = 'problem_solution';
	}
	return {
		wordCount: parts.words.length,
		sentenceCount: parts.sentences.length,
		sentenceWords: {
			mean: Math.round(mean * 10) / 10,
			max: lengths.at(-1) ?? 0,
			p90: percentile(lengths, 0.9),
		},
		paragraphCount: parts.paragraphs.length,
		longestParagraphWords: longest,
		bulletCount: core.split('\n').filter((line) => BULLET.test(line)).length,
		linkCount: parts.links.length,
		imageCount: html === null ? null : (html.match(/<img\b/gi)?.length ?? 0),
		hasPs: Boolean(parts.postscript),
		signatureChars: signature.trim().length,
		signatureLines: signature.trim() ? signature.trim().split('\n').length : 0,
		readingGrade: readingGrade(parts.words, parts.sentences.length),
		mobileFriendly: longest <= 60 && mean <= 20,
		structureType,
	};
}
