import { compact, recipientOf } from '../features/recipient';

/** The personalization tokens Blueprint examples use; the draft writer fills them per prospect. */
export const TOKENS = { firstName: '{{first_name}}', company: '{{company}}' };

/** A subject with the recipient's first name and company (one to three words) replaced by tokens. */
export function generalizeSubject(subject: string, recipient: string | null): string {
	const who = recipientOf(recipient ?? undefined);
	const parts = subject.replace(/^\s*((re|fw|fwd)\s*:\s*)+/i, '').split(/(\s+)/);
	const out: string[] = [];
	for (let i = 0; i < parts.length; i++) {
		const word = parts[i];
		const bare = compact(word);
		if (!bare) {
			out.push(word);
			continue;
		}
		// The company as one to three words ("Blue Harbor" for blueharbor.com), with what wraps it.
		const possessive = /(['’]s)?[^\p{L}\p{N}]*$/u;
		const span = [3, 2, 1].find(
			(n) =>
				who.company &&
				i + 2 * n - 1 <= parts.length &&
				compact(
					parts
						.slice(i, i + 2 * n - 1)
						.join('')
						.replace(possessive, ''),
				) === who.company,
		);
		if (span) {
			const last = parts[i + 2 * span - 2];
			const lead = /^[^\p{L}\p{N}]*/u.exec(word)?.[0] ?? '';
			const tail = possessive.exec(last)?.[0] ?? '';
			out.push(`${lead}${TOKENS.company}${tail}`);
			i += 2 * span - 2;
			continue;
		}
		const [, lead = '', tail = ''] = /^([^\p{L}\p{N}]*)[\s\S]*?([^\p{L}\p{N}]*)$/u.exec(word) ?? [];
		out.push(
			who.firstName && bare === compact(who.firstName) ? `${lead}${TOKENS.firstName}${tail}` : word,
		);
	}
	return out.join('').trim();
}
