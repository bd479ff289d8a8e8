import { isUtf8 } from 'node:buffer';

import iconv from 'iconv-lite';

import { FIELD_LIMITS } from './fieldLimits';

/** A header longer than this is an address list to trim before the parser (its limit is 2 MB). */
const LONG_HEADER = 64 * 1024;
const ADDRESS_HEADERS = new Set(['to', 'cc', 'bcc']);
const CR = 0x0d;
const LF = 0x0a;

/** Where the header section ends: the byte after its blank line (CRLF or LF), or the end. */
function headerEnd(raw: Buffer): number {
	for (let i = raw.indexOf(LF); i >= 0; i = raw.indexOf(LF, i + 1)) {
		const next = raw[i + 1] === CR ? i + 2 : i + 1;
		if (raw[next] === LF) return next + 1;
		if (i + 1 >= raw.length) break;
	}
	return raw.length;
}

/** Bare CR line ends (old Mac mail) as CRLF: without it the parser sees one long header line. */
function bareCrAsCrlf(raw: Buffer): Buffer | null {
	if (raw.indexOf(CR) < 0 || raw.subarray(0, 65_536).indexOf(LF) >= 0) return null;
	const out = Buffer.alloc(raw.length * 2);
	let n = 0;
	for (const byte of raw) {
		out[n++] = byte;
		if (byte === CR) out[n++] = LF;
	}
	return out.subarray(0, n);
}

/** The entries of an address list, split at commas outside quotes, comments and angle brackets. */
function addressEntries(value: string): string[] {
	const entries: string[] = [];
	let depth = 0;
	let quoted = false;
	let start = 0;
	for (let i = 0; i < value.length; i++) {
		const c = value[i];
		if (c === '\\') i++;
		else if (c === '"') quoted = !quoted;
		else if (!quoted && (c === '<' || c === '(')) depth++;
		else if (!quoted && (c === '>' || c === ')')) depth = Math.max(0, depth - 1);
		else if (!quoted && depth === 0 && c === ',') {
			entries.push(value.slice(start, i).trim());
			start = i + 1;
		}
	}
	entries.push(value.slice(start).trim());
	return entries.filter(Boolean);
}

/** Header lines with their continuation lines, as byte ranges of the header section. */
function headerFields(header: Buffer): Array<{ start: number; end: number }> {
	const fields: Array<{ start: number; end: number }> = [];
	let pos = 0;
	while (pos < header.length) {
		let end = header.indexOf(LF, pos);
		end = end < 0 ? header.length : end + 1;
		// Folded continuation lines (starting with space or tab) belong to the same field.
		while (end < header.length && (header[end] === 0x20 || header[end] === 0x09)) {
			const next = header.indexOf(LF, end);
			end = next < 0 ? header.length : next + 1;
		}
		fields.push({ start: pos, end });
		pos = end;
	}
	return fields;
}

/**
 * What the MIME parser cannot take as it is, made readable before it sees the message, each change
 * said in a warning: bare CR line ends read as CRLF; a header field whose bytes are not UTF-8 read
 * as Windows-1252 (what such mail almost always is); an address header longer than the parser's
 * limit cut to the first recipients the store keeps anyway. Returns the input itself when nothing
 * needed a change (nearly always), so a well-formed message costs one scan of its header.
 */
export function prepareRaw(input: Buffer): { raw: Buffer; warnings: string[] } {
	const warnings: string[] = [];
	let raw = input;
	const crlf = bareCrAsCrlf(raw);
	if (crlf) {
		raw = crlf;
		warnings.push('bare CR line ends read as CRLF');
	}
	const end = headerEnd(raw);
	const header = raw.subarray(0, end);
	if (header.length <= LONG_HEADER && isUtf8(header)) return { raw, warnings };
	const fields = headerFields(header);
	if (isUtf8(header) && fields.every((f) => f.end - f.start <= LONG_HEADER))
		return { raw, warnings };
	const parts: Buffer[] = [];
	let recoded = 0;
	for (const { start, end: fieldEnd } of fields) {
		let field = header.subarray(start, fieldEnd);
		if (!isUtf8(field)) {
			field = Buffer.from(iconv.decode(field, 'win1252'), 'utf8');
			recoded++;
		}
		if (field.length > LONG_HEADER) {
			const text = field.toString('utf8');
			const colon = text.indexOf(':');
			const name = text.slice(0, colon).trim();
			if (colon > 0 && ADDRESS_HEADERS.has(name.toLowerCase())) {
				const entries = addressEntries(text.slice(colon + 1).replace(/\r?\n[ \t]/g, ' '));
				const kept = entries.slice(0, FIELD_LIMITS.recipients);
				warnings.push(
					`${name}: ${entries.length} addresses in a ${field.length}-byte header; the first ${kept.length} kept`,
				);
				field = Buffer.from(`${name}: ${kept.join(',\r\n ')}\r\n`, 'utf8');
			}
		}
		parts.push(field);
	}
	if (recoded)
		warnings.push(
			`${recoded} header ${recoded === 1 ? 'field was' : 'fields were'} not UTF-8; read as Windows-1252`,
		);
	return { raw: Buffer.concat([...parts, raw.subarray(end)]), warnings };
}
