import iconv from 'iconv-lite';

/** A text part declared UTF-7 (RFC 2152; old Outlook and some mobile clients). */
const UTF7_PART = /charset\s*=\s*"?(?:unicode-1-1-)?utf-7/i;
/** Only the headers of the parts are searched; a body mentioning the charset costs nothing. */
const HEADER_BYTES = 64 * 1024;

/**
 * postal-mime has no UTF-7 decoder (the runtime's TextDecoder has none) and leaves such text as
 * its ASCII encoding ("Hi +AOk-"). When the message declares UTF-7 and the text is plain ASCII, it
 * is decoded here; anything else is returned as it is.
 */
export function decodeUtf7Text(text: string, raw: Buffer): string {
	if (!UTF7_PART.test(raw.subarray(0, HEADER_BYTES).toString('latin1'))) return text;
	if (!text.includes('+')) return text;
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return text;
	return iconv.decode(Buffer.from(text, 'latin1'), 'utf7');
}
