import EmailReplyParser from 'email-reply-parser';
import { convert } from 'html-to-text';

export interface SplitBody {
	body: string;
	quoted: string;
	signature: string;
}

/**
 * Separates what the sender wrote from the quoted earlier messages and the signature
 * (email-reply-parser, a port of GitHub's EmailReplyParser), so features describe the new text only.
 */
export function splitBody(text: string): SplitBody {
	const normalized = text.replace(/\r\n?/g, '\n').replaceAll('\u0000', '');
	const fragments = new EmailReplyParser().read(normalized).getFragments();
	const pick = (keep: (f: (typeof fragments)[number]) => boolean) =>
		fragments
			.filter(keep)
			.map((f) => f.getContent())
			.join('\n')
			.trim();
	return {
		body: pick((f) => !f.isQuoted() && !f.isSignature()),
		quoted: pick((f) => f.isQuoted()),
		signature: pick((f) => f.isSignature() && !f.isQuoted()),
	};
}

/** Plain text of an HTML-only message: links kept as text, images dropped. */
export function htmlToText(html: string): string {
	return convert(html, {
		wordwrap: false,
		selectors: [
			{ selector: 'img', format: 'skip' },
			{ selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
		],
	});
}
