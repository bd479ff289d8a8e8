import iconv from 'iconv-lite';

export interface DecodedText {
	text: string;
	/** The charset used, as a person would name it. */
	charset: string;
	/** Set when the charset was guessed or the bytes were not valid in the declared one. */
	warning?: string;
}

const BOMS: Array<[number[], string]> = [
	[[0xef, 0xbb, 0xbf], 'utf-8'],
	[[0xff, 0xfe], 'utf-16le'],
	[[0xfe, 0xff], 'utf-16be'],
];

/**
 * A CSV or JSON file's text. A byte-order mark decides; else `charset` ('auto': UTF-8 when the
 * bytes are valid UTF-8, else Windows-1252, which reads every byte, with a warning). A declared
 * charset the bytes are not valid in is read anyway, with a warning, never refused.
 */
export function decodeText(bytes: Buffer, charset = 'auto'): DecodedText {
	for (const [bom, name] of BOMS) {
		if (bom.every((byte, i) => bytes[i] === byte)) {
			return { text: iconv.decode(bytes.subarray(bom.length), name), charset: name };
		}
	}
	const wanted = charset.trim().toLowerCase() || 'auto';
	if (wanted === 'auto' || wanted === 'utf-8' || wanted === 'utf8') {
		try {
			return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
		} catch {
			const text = iconv.decode(bytes, 'win1252');
			return {
				text,
				charset: 'windows-1252',
				warning:
					wanted === 'auto'
						? 'the file is not valid UTF-8; read as Windows-1252 (set the Charset option if that is wrong)'
						: 'the file is not valid UTF-8 as declared; read as Windows-1252 instead',
			};
		}
	}
	if (!iconv.encodingExists(wanted)) {
		throw new Error(
			`unknown charset "${charset}"; use a name such as utf-8, windows-1252 or iso-8859-1`,
		);
	}
	const text = iconv.decode(bytes, wanted);
	const valid = iconv.encode(text, wanted).equals(bytes);
	return {
		text,
		charset: wanted,
		...(valid ? {} : { warning: `some bytes are not valid ${wanted}; they read as "\ufffd"` }),
	};
}
