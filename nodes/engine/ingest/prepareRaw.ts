import { isUtf8 } from 'node:buffer';

import iconv from 'iconv-lite';

import { FIELD_LIMITS } from './fieldLimits';

/** A header field longer than this is trimmed before the parser (whose limit is 2 MB in all). */
const LONG_HEADER = 64 * 1024;
/** The header section the parser gets at most; what is over goes, largest unread field first. */
const HEADER_BUDGET = 1024 * 1024;
const ADDRESS_HEADERS = new Set(['to', 'cc', 'bcc']);
/** Fields the ingest reads (addresses, threading, dating, MIME, auto-reply and list signals). */
const READ_HEADERS = new Set([
	...ADDRESS_HEADERS,
	'from',
	'sender',
	'reply-to',
	'return-path',
	'subject',
	'date',
	'message-id',
	'in-reply-to',
	'references',
	'mime-version',
	'content-type',
	'content-transfer-encoding',
	'auto-submitted',
	'precedence',
	'x-autoreply',
	'x-autorespond',
	'x-auto-response-suppress',
	'list-id',
	'list-unsubscribe',
]);
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

/** A field's name; '' for a line with no colon in its first 256 bytes (no name, or garbage). */
const fieldName = (field: Buffer) => {
	const colon = field.subarray(0, 256).indexOf(':');
	return colon > 0 ? field.subarray(0, colon).toString('utf8').trim() : '';
};

/** At most `bytes` of a field's start, cut at a character and ended as a header line. */
function firstBytes(field: Buffer, bytes: number): Buffer {
	let cut = bytes;
	while (cut > 0 && (field[cut] & 0xc0) === 0x80) cut--;
	return Buffer.from(`${field.subarray(0, cut).toString('utf8').trimEnd()}\r\n`, 'utf8');
}

/**
 * A References (or In-Reply-To) list too long to keep: its first id (the thread's root) and as
 * many of the last ids (the nearest parents) as fit, as RFC 5322 3.6.4 lets a list be shortened.
 */
function shortReferences(name: string, value: string): string {
	const ids = value.match(/<[^<>]*>/g) ?? [];
	const kept: string[] = [];
	let size = name.length + 2 + (ids[0]?.length ?? 0);
	for (let i = ids.length - 1; i > 0; i--) {
		size += ids[i].length + 3;
		if (size > LONG_HEADER) break;
		kept.unshift(ids[i]);
	}
	return `${name}: ${[...ids.slice(0, 1), ...kept].join('\r\n ')}\r\n`;
}

/** A field over LONG_HEADER made to fit: recipients cut to the kept count, anything else shortened. */
function trimField(field: Buffer, warnings: string[]): Buffer {
	const name = fieldName(field);
	const key = name.toLowerCase();
	const value = () =>
		field
			.subarray(field.indexOf(':') + 1)
			.toString('utf8')
			.replace(/\r?\n[ \t]/g, ' ');
	if (ADDRESS_HEADERS.has(key)) {
		const entries = addressEntries(value());
		const kept = entries.slice(0, FIELD_LIMITS.recipients);
		warnings.push(
			`${name}: ${entries.length} addresses in a ${field.length}-byte header; the first ${kept.length} kept`,
		);
		return Buffer.from(`${name}: ${kept.join(',\r\n ')}\r\n`, 'utf8');
	}
	if (key === 'references' || key === 'in-reply-to') {
		const out = Buffer.from(shortReferences(name, value()), 'utf8');
		warnings.push(`${name}: a ${field.length}-byte header shortened to its first and last ids`);
		return out;
	}
	warnings.push(
		`${name || 'a header line'}: a ${field.length}-byte header cut to its first ${LONG_HEADER} bytes`,
	);
	return firstBytes(field, LONG_HEADER);
}

/**
 * Drops the largest fields the ingest does not read until the section fits HEADER_BUDGET; the
 * blank line that ends the section (two bytes at most) always stays.
 */
function withinBudget(parts: Buffer[], warnings: string[]): Buffer[] {
	let total = parts.reduce((sum, part) => sum + part.length, 0);
	if (total <= HEADER_BUDGET) return parts;
	const dropped = new Set<Buffer>();
	const unread = parts
		.filter((part) => part.length > 2 && !READ_HEADERS.has(fieldName(part).toLowerCase()))
		.sort((a, b) => b.length - a.length);
	for (const part of unread) {
		if (total <= HEADER_BUDGET) break;
		dropped.add(part);
		total -= part.length;
	}
	if (dropped.size > 0)
		warnings.push(
			`${dropped.size} header ${dropped.size === 1 ? 'field' : 'fields'} the ingest does not read dropped: the header section was over ${HEADER_BUDGET} bytes`,
		);
	return parts.filter((part) => !dropped.has(part));
}

/**
 * What the MIME parser cannot take as it is, made readable before it sees the message, each change
 * said in a warning: bare CR line ends read as CRLF; a header field whose bytes are not UTF-8 read
 * as Windows-1252 (what such mail almost always is); a header field over 64 kB shortened (an
 * address list to the recipients the store keeps anyway, References to its first and last ids, any
 * other field to its start); a header section still over 1 MB rid of its largest unread fields.
 * Returns the input itself when nothing needed a change (nearly always), so a well-formed message
 * costs one scan of its header.
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
	if (
		header.length <= HEADER_BUDGET &&
		isUtf8(header) &&
		fields.every((f) => f.end - f.start <= LONG_HEADER)
	)
		return { raw, warnings };
	const parts: Buffer[] = [];
	let recoded = 0;
	for (const { start, end: fieldEnd } of fields) {
		let field = header.subarray(start, fieldEnd);
		if (!isUtf8(field)) {
			field = Buffer.from(iconv.decode(field, 'win1252'), 'utf8');
			recoded++;
		}
		if (field.length > LONG_HEADER) field = trimField(field, warnings);
		parts.push(field);
	}
	if (recoded)
		warnings.push(
			`${recoded} header ${recoded === 1 ? 'field was' : 'fields were'} not UTF-8; read as Windows-1252`,
		);
	return { raw: Buffer.concat([...withinBudget(parts, warnings), raw.subarray(end)]), warnings };
}
