import { createHash } from 'node:crypto';

import { escapeHtml as escape } from '../util/escapeHtml';

/** The simple HTML body of a plain-text draft: escaped, one <p> per paragraph, <br> per line. */
export function draftHtml(bodyText: string): string {
	return bodyText
		.trim()
		.split(/\n\s*\n/)
		.map((p) => `<p>${escape(p.trim()).replace(/\n/g, '<br>')}</p>`)
		.join('\n');
}

/** What approval pins: subject, text and HTML together. Any edit changes it. */
export function draftHash(subject: string, bodyText: string, bodyHtml: string): string {
	return createHash('sha256').update(`${subject}\u0000${bodyText}\u0000${bodyHtml}`).digest('hex');
}
