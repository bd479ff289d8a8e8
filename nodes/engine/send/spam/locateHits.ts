import type { RuleHit } from './spamReport';

/** Where a rule's match sits in the draft: its subject, a line of its body, or the footer. */
export interface Location {
	part: 'subject' | 'body' | 'footer';
	/** 1-based line of the body or footer where the match starts. */
	line?: number;
	/** The matched text as it reads in the draft. */
	text: string;
}

export interface LocatedHit extends RuleHit {
	/** Absent when the rule is about the message as a whole (a header, the MIME) or not a pattern. */
	where?: Location;
}

/**
 * Text with its runs of white space made one space and lower-cased, and for every character of
 * that text the offset it came from: SpamAssassin matches body rules on paragraphs whose lines it
 * has joined, so a match can cross a line end.
 */
function folded(text: string): { text: string; from: number[] } {
	let out = '';
	const from: number[] = [];
	let space = false;
	for (let i = 0; i < text.length; i++) {
		if (/\s/.test(text[i])) {
			space = out.length > 0;
			continue;
		}
		if (space) {
			out += ' ';
			from.push(i);
			space = false;
		}
		out += text[i].toLowerCase();
		from.push(i);
	}
	return { text: out, from };
}

function find(haystack: string, needle: string): { start: number; end: number } | undefined {
	const h = folded(haystack);
	const n = folded(needle).text;
	if (!n) return undefined;
	const at = h.text.indexOf(n);
	if (at < 0) return undefined;
	return { start: h.from[at], end: h.from[at + n.length - 1] + 1 };
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * Each hit placed where its match reads in the draft as it is sent: the subject, the body line
 * (1-based) or the footer line. A hit whose match is nowhere in those (a header rule on From or
 * Message-ID, a rule about the MIME) stays unplaced.
 */
export function locateHits(
	hits: RuleHit[],
	draft: { subject: string; bodyText: string; footerText?: string },
): LocatedHit[] {
	return hits.map((hit) => {
		if (!hit.matched) return hit;
		const inSubject = find(draft.subject, hit.matched);
		if (inSubject)
			return {
				...hit,
				where: { part: 'subject', text: draft.subject.slice(inSubject.start, inSubject.end) },
			};
		for (const [part, text] of [
			['body', draft.bodyText],
			['footer', draft.footerText ?? ''],
		] as const) {
			const at = find(text, hit.matched);
			if (at)
				return {
					...hit,
					where: { part, line: lineAt(text, at.start), text: text.slice(at.start, at.end) },
				};
		}
		return hit;
	});
}
