import PostalMime from 'postal-mime';

/**
 * Fields of an RFC 822-style header block (a DSN group, returned headers), parsed by postal-mime
 * as a message with no body: unfolding, encoded words and duplicate names handled the same way as
 * in the messages themselves. Lower-cased names, first value of each.
 */
export async function headerBlock(text: string): Promise<Record<string, string>> {
	const mail = await PostalMime.parse(`${text.trim()}\r\n\r\n`);
	const fields: Record<string, string> = {};
	for (const h of mail.headers) fields[h.key] ??= h.value.replace(/\s+/g, ' ').trim();
	return fields;
}

/** The groups of a report part, separated by blank lines (RFC 3464 §2.1). */
export async function headerGroups(text: string): Promise<Array<Record<string, string>>> {
	const blocks = text.split(/\r?\n[ \t]*\r?\n/).filter((b) => b.trim());
	return await Promise.all(blocks.map(headerBlock));
}
