import { boundedKey } from './fieldLimits';

const PREFIX = /^\s*((re|fwd?|aw|wg|sv|vs|antw|tr|rv)(\[\d+\])?\s*:\s*)+/i;

/** "Re: Fwd: Quick question" → "quick question": the subject a thread keeps across replies. */
export function normalizeSubject(subject: string): string {
	return subject.replace(PREFIX, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The reply/forward prefix a subject carries ("Re", "Fwd"), if any. */
export function subjectPrefix(subject: string): string | null {
	const match = /^\s*(re|fwd?)\s*:/i.exec(subject);
	return match ? match[1].toLowerCase().replace('fw', 'fwd').replace('fwdd', 'fwd') : null;
}

/** Message-IDs in a References / In-Reply-To header, without angle brackets. */
export function messageIds(header: string | undefined): string[] {
	if (!header) return [];
	const bracketed = header.match(/<[^<>\s]+>/g);
	const ids = bracketed ? bracketed.map((id) => id.slice(1, -1)) : header.split(/\s+/);
	return ids.map((id) => id.trim()).filter(Boolean);
}

/**
 * The thread a message belongs to when the provider does not say: the same normalised subject
 * between the same two parties. Sales follow-ups are often sent as new messages with "Re:" and no
 * References, so headers alone would split one sequence into many.
 */
export function subjectThreadKey(subject: string, from?: string, to?: string): string {
	const parties = [from ?? '', to ?? ''].map((p) => p.toLowerCase()).sort();
	// Hashed when long: the thread id is indexed, and an index entry has a size limit.
	return boundedKey(`subject:${normalizeSubject(subject)}|${parties.join('|')}`);
}
