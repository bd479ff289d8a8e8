const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/** Text made safe to place in HTML, as element content or a quoted attribute. */
export const escapeHtml = (text: unknown): string =>
	String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
