import { compact, recipientOf } from '../features/recipient';
import { SPAM_TRIGGERS } from '../features/lexicons';
import type { FirstTouchSample } from './loadSamples';
import type { Rule } from './types';

/** The personalization tokens Blueprint examples use; the draft writer fills them per prospect. */
export const TOKENS = { firstName: '{{first_name}}', company: '{{company}}' };

/** A subject with the recipient's first name and company replaced by tokens. */
export function generalizeSubject(subject: string, recipient: string | null): string {
	const who = recipientOf(recipient ?? undefined);
	return subject
		.replace(/^\s*((re|fw|fwd)\s*:\s*)+/i, '')
		.split(/(\s+)/)
		.map((word) => {
			const bare = compact(word);
			if (!bare) return word;
			const [, lead = '', tail = ''] =
				/^([^\p{L}\p{N}]*)[\s\S]*?([^\p{L}\p{N}]*)$/u.exec(word) ?? [];
			if (who.company && bare === who.company) return `${lead}${TOKENS.company}${tail}`;
			if (who.firstName && bare === compact(who.firstName))
				return `${lead}${TOKENS.firstName}${tail}`;
			return word;
		})
		.join('')
		.trim();
}

/** A subject as the limits count it (tokens as typical values: a 5-letter name, a 7-letter company). */
export function subjectFits(subject: string, limits: Rule[]): boolean {
	const filled = subject
		.replaceAll(TOKENS.firstName, 'Alexa')
		.replaceAll(TOKENS.company, 'Company');
	const chars = limits.find((r) => r.id === 'subject_chars');
	const words = limits.find((r) => r.id === 'subject_words');
	const wordCount = filled.split(/\s+/).filter(Boolean).length;
	const lower = ` ${filled.toLowerCase()} `;
	return (
		filled.length >= (chars?.min ?? 0) &&
		filled.length <= (chars?.max ?? Infinity) &&
		wordCount >= (words?.min ?? 0) &&
		wordCount <= (words?.max ?? Infinity) &&
		filled !== filled.toUpperCase() &&
		!SPAM_TRIGGERS.some((w) => lower.includes(` ${w} `))
	);
}

/** The most used subject patterns of the analysed first touches that fit the limits. */
export function subjectPatterns(samples: FirstTouchSample[], limits: Rule[], max = 5): string[] {
	const counts = new Map<string, number>();
	for (const s of samples) {
		const pattern = generalizeSubject(s.subject, s.recipient);
		if (pattern && subjectFits(pattern, limits))
			counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
	}
	return [...counts.entries()]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.slice(0, max)
		.map(([pattern]) => pattern);
}
