/** Tags whose end starts a new line in the text. */
const BLOCK = new Set([
	'p',
	'div',
	'br',
	'li',
	'tr',
	'table',
	'ul',
	'ol',
	'blockquote',
	'section',
	'article',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
]);
const NAMED: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ndash: '–',
	mdash: '—',
	hellip: '…',
	rsquo: '’',
	lsquo: '‘',
	rdquo: '”',
	ldquo: '“',
	euro: '€',
	copy: '©',
};

function entity(match: string, body: string): string {
	if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? match;
	const code =
		body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
	return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
		? String.fromCodePoint(code)
		: '\ufffd';
}

/**
 * The text of HTML read in one pass, without a tree: tags dropped (script and style with their
 * content), block ends as line breaks, entities decoded. For HTML nested deeper than a recursive
 * converter's stack (20,000 nested <div>s in 220 KB); linear in the input whatever it holds.
 */
export function flatHtmlText(html: string): string {
	let out = '';
	let skipping: string | null = null;
	let i = 0;
	while (i < html.length) {
		const lt = html.indexOf('<', i);
		if (lt < 0) {
			if (!skipping) out += html.slice(i);
			break;
		}
		if (!skipping) out += html.slice(i, lt);
		const gt = html.indexOf('>', lt);
		if (gt < 0) break;
		const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(html.slice(lt, Math.min(gt + 1, lt + 40)));
		const name = tag?.[2].toLowerCase();
		const closing = tag?.[1] === '/';
		if (skipping) {
			if (closing && name === skipping) skipping = null;
		} else if (name === 'script' || name === 'style') {
			if (!closing) skipping = name;
		} else if (name && BLOCK.has(name)) out += '\n';
		i = gt + 1;
	}
	return out
		.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, entity)
		.replace(/[ \t\u00a0]+/g, ' ')
		.replace(/ ?\n ?/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
