import { CURIOSITY_CUES, RELEVANCE_CUES, SPAM_TRIGGERS } from './lexicons';
import { unresolvedMergeTags } from './mergeTags';
import { compact, type Recipient } from './recipient';
import { wordsOf } from './textParts';

export interface SubjectSignals {
	chars: number;
	words: number;
	/** Re:/Fwd: (and their German, Nordic, French forms) normalized to 're' or 'fwd'. */
	prefix: 're' | 'fwd' | null;
	hasQuestion: boolean;
	hasNumber: boolean;
	firstName: boolean;
	company: boolean;
	/** Resolved personalization: the recipient's first name or company is in the subject. */
	personalized: boolean;
	mergeTags: string[];
	curiosityCues: string[];
	relevanceCues: string[];
	allCapsWords: number;
	allCaps: boolean;
	spamWords: string[];
}

const PREFIX = /^\s*((re|fw|fwd|aw|wg|sv|vs|tr|rif|antw)\s*(\[\d+\])?\s*:\s*)+/i;

/** Which of `cues` occur in `text` as whole words or phrases. */
export function cuesIn(text: string, cues: string[]): string[] {
	const lower = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}%$'’-]+/gu, ' ')} `;
	const found = cues.filter(
		(cue) => lower.includes(` ${cue} `) || (/[%$]/.test(cue) && lower.includes(cue)),
	);
	// "quick question" found: "quick" and "question" inside it are not cues of their own.
	return found.filter(
		(cue) => !found.some((other) => other !== cue && ` ${other} `.includes(` ${cue} `)),
	);
}

function hasName(subject: string, name: string | undefined): boolean {
	if (!name) return false;
	return wordsOf(subject).some((word) => word.toLowerCase() === name.toLowerCase());
}

export function subjectSignals(subject: string, recipient: Recipient): SubjectSignals {
	const prefixMatch = PREFIX.exec(subject);
	const prefix = prefixMatch
		? /^\s*(fw|fwd|wg|vs|tr)/i.test(prefixMatch[0])
			? 'fwd'
			: 're'
		: null;
	const bare = subject.slice(prefixMatch?.[0].length ?? 0).trim();
	const words = wordsOf(bare);
	const capsWords = words.filter((w) => w.length >= 3 && /\p{L}/u.test(w) && w === w.toUpperCase());
	const firstName = hasName(bare, recipient.firstName);
	const company = Boolean(recipient.company && compact(bare).includes(recipient.company));
	return {
		chars: bare.length,
		words: words.length,
		prefix,
		hasQuestion: bare.includes('?'),
		hasNumber: /\p{N}/u.test(bare),
		firstName,
		company,
		personalized: firstName || company,
		mergeTags: unresolvedMergeTags(subject),
		curiosityCues: cuesIn(bare, CURIOSITY_CUES),
		relevanceCues: cuesIn(bare, RELEVANCE_CUES),
		allCapsWords: capsWords.length,
		allCaps: words.length >= 2 && capsWords.length === words.length,
		spamWords: cuesIn(bare, SPAM_TRIGGERS),
	};
}
