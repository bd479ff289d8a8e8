/** An RFC 3463 enhanced status code in a text ("550 5.1.1 …", "#5.4.4"), not part of an IP. */
const ENHANCED = /(?<![\w.])([245]\.\d{1,3}\.\d{1,3})(?![.\d])/;

/** The first enhanced status code in a text, if any. */
export function enhancedStatus(text: string | undefined): string | undefined {
	return text ? ENHANCED.exec(text.slice(0, 20_000))?.[1] : undefined;
}
