import iconv from 'iconv-lite';

const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=/g;
const BETWEEN_WORDS = /^[ \t\r\n]*$/;

function wordBytes(encoding: string, text: string): Buffer {
	if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64');
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		const hex = c === '=' ? text.slice(i + 1, i + 3) : '';
		if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else bytes.push(c === '_' ? 0x20 : c.charCodeAt(0) & 0xff);
	}
	return Buffer.from(bytes);
}

function decode(bytes: Buffer, charset: string): string {
	const name = charset.split('*')[0].toLowerCase();
	return iconv.encodingExists(name) ? iconv.decode(bytes, name) : iconv.decode(bytes, 'win1252');
}

/**
 * RFC 2047 encoded words with their bytes joined before decoding: a character split across two
 * words (each base64-padded, as some senders cut them) decodes whole, and UTF-7 decodes at all.
 * Used where postal-mime's own result has a replacement character or the header names UTF-7;
 * otherwise `parsed` (postal-mime's) is kept.
 */
export function decodeHeaderWords(raw: string | undefined, parsed: string): string {
	if (!raw || !raw.includes('=?')) return parsed;
	if (!parsed.includes('\ufffd') && !/\?utf-7\?/i.test(raw)) return parsed;
	let out = '';
	let pos = 0;
	let pending: { charset: string; bytes: Buffer[] } | undefined;
	const settle = () => {
		if (pending) out += decode(Buffer.concat(pending.bytes), pending.charset);
		pending = undefined;
	};
	for (const match of raw.matchAll(ENCODED_WORD)) {
		const between = raw.slice(pos, match.index);
		const charset = match[1].toLowerCase();
		if (!(pending && BETWEEN_WORDS.test(between) && pending.charset === charset)) {
			settle();
			out += between;
		}
		pending ??= { charset, bytes: [] };
		pending.bytes.push(wordBytes(match[2], match[3]));
		pos = match.index + match[0].length;
	}
	settle();
	return (out + raw.slice(pos)).replace(/\r?\n[ \t]*/g, ' ');
}
