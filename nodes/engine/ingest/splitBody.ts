import { convert } from 'html-to-text';

import { flatHtmlText } from './flatHtmlText';
import { type ReplyFragment, replyFragments } from './replyFragments';

export interface SplitBody {
	body: string;
	quoted: string;
	signature: string;
}

/**
 * Separates what the sender wrote from the quoted earlier messages and the signature
 * (email-reply-parser's rules, a port of GitHub's EmailReplyParser), so features describe the new
 * text only.
 */
export function splitBody(text: string): SplitBody {
	const normalized = text.replace(/\r\n?/g, '\n').replaceAll('\u0000', '');
	const fragments = replyFragments(normalized);
	const pick = (keep: (f: ReplyFragment) => boolean) =>
		fragments
			.filter(keep)
			.map((f) => f.content)
			.join('\n')
			.trim();
	return {
		body: pick((f) => !f.quoted && !f.signature),
		quoted: pick((f) => f.quoted),
		signature: pick((f) => f.signature && !f.quoted),
	};
}

/**
 * Plain text of an HTML-only message: links kept as text, images dropped. HTML nested deeper than
 * the converter's recursion can go is read flat instead (said in `warnings`, when given).
 */
export function htmlToText(html: string, warnings?: string[]): string {
	try {
		return convert(html, {
			wordwrap: false,
			selectors: [
				{ selector: 'img', format: 'skip' },
				{ selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
			],
		});
	} catch (error) {
		if (!(error instanceof RangeError)) throw error;
		warnings?.push('HTML nested too deep for the converter; its text was read flat');
		return flatHtmlText(html);
	}
}
