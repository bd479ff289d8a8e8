import { type CtaSignals, ctaSignals } from './ctaSignals';
import { unresolvedMergeTags } from './mergeTags';
import { type OpeningType, openingSignals } from './openingSignals';
import { readerToken, recipientOf } from './recipient';
import { type SequenceSignals, sequenceSignals } from './sequenceSignals';
import { type StructureSignals, structureSignals } from './structureSignals';
import { type SubjectSignals, subjectSignals } from './subjectSignals';
import { textParts } from './textParts';
import { type ValueSignals, valueSignals } from './valueSignals';

/** Bumped whenever a signal's definition changes, so stored features can be recomputed. */
export const EXTRACTOR_VERSION = 3;

/** What the extractor reads of one stored email (the new text only: quotes and signature apart). */
export interface EmailText {
	subject: string;
	body: string;
	signature: string;
	/** First recipient: the prospect whose name and company personalization is checked against. */
	to?: string;
	/** The HTML part when there is one (for images); null when the message had none. */
	html: string | null;
	threadPosition: number | null;
	gapSeconds: number | null;
	/** The body of the same sender's previous touch in the thread. */
	previousBody: string | null;
}

export interface EmailSignals {
	version: number;
	subject: SubjectSignals;
	/** Unresolved merge tags in subject and body together. */
	mergeTags: string[];
	opening: { type: OpeningType; sentence: string | null };
	value: ValueSignals;
	cta: CtaSignals;
	structure: StructureSignals;
	sequence: SequenceSignals;
}

/** Every signal of docs/features.md for one email: deterministic, no model, no I/O. */
export function extractSignals(email: EmailText): EmailSignals {
	const parts = textParts(email.body, readerToken(email.to));
	const recipient = recipientOf(email.to, parts.greetingName);
	const value = valueSignals(parts.core);
	const previousCore = email.previousBody === null ? null : textParts(email.previousBody).core;
	return {
		version: EXTRACTOR_VERSION,
		subject: subjectSignals(email.subject, recipient),
		mergeTags: [...unresolvedMergeTags(email.subject), ...unresolvedMergeTags(email.body)],
		opening: openingSignals(parts.sentences, recipient),
		value,
		cta: ctaSignals(parts.sentences, parts.links),
		structure: structureSignals(parts, value, email.signature, email.html),
		sequence: sequenceSignals(email.threadPosition, email.gapSeconds, parts.core, previousCore),
	};
}
