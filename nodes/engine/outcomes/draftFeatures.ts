import { generalizeSubject } from '../stats/subjectGeneralizer';

/** What a sent draft looked like, in the terms results are compared by. */
export interface DraftFeatures {
	ctaType: string | null;
	/** The subject with the prospect's name and company replaced by tokens. */
	subjectPattern: string;
	words: number;
	lengthBand: LengthBand;
	/** Days since the previous touch was due (0 for the first touch). */
	gapDays: number;
}

export type LengthBand = 'under 50 words' | '50–99 words' | '100–149 words' | '150+ words';

export function lengthBand(words: number): LengthBand {
	if (words < 50) return 'under 50 words';
	if (words < 100) return '50–99 words';
	if (words < 150) return '100–149 words';
	return '150+ words';
}

export function draftFeatures(d: {
	subject: string;
	bodyText: string;
	ctaType: string | null;
	offsetDays: number;
	previousOffsetDays: number | null;
	recipient: string;
}): DraftFeatures {
	const words = d.bodyText.split(/\s+/).filter(Boolean).length;
	return {
		ctaType: d.ctaType,
		subjectPattern: generalizeSubject(d.subject, d.recipient),
		words,
		lengthBand: lengthBand(words),
		gapDays: d.previousOffsetDays === null ? 0 : d.offsetDays - d.previousOffsetDays,
	};
}
