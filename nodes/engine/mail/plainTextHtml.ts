import { escapeHtml as escape } from '../util/escapeHtml';

/** The simple HTML body of a plain-text message: escaped, one <p> per paragraph, <br> per line. */
export function plainTextHtml(bodyText: string): string {
	return bodyText
		.trim()
		.split(/\n\s*\n/)
		.map((p) => `<p>${escape(p.trim()).replace(/\n/g, '<br>')}</p>`)
		.join('\n');
}
