import PostalMime from 'postal-mime';

/**
 * Fields of an RFC 822-style header block (a DSN group, returned headers), parsed by postal-mime
 * as a message with no body: unfolding, encoded words and duplicate names handled the same way as
 * in the messages themselves. Lower-cased names; a repeated field's values joined with commas.
 */
export async function headerBlock(text: string): Promise<Record<string, string>> {
	const mail = await PostalMime.parse(`${text.trim()}\r\n\r\n`);
	const fields: Record<string, string> = {};
	for (const h of mail.headers) {
		const value = h.value.replace(/\s+/g, ' ').trim();
		// A repeated field keeps every value (an ARF report names each complaining recipient).
		fields[h.key] = fields[h.key] === undefined ? value : `${fields[h.key]}, ${value}`;
	}
	return fields;
}

/** The groups of a report part, separated by blank lines (RFC 3464 §2.1). */
export async function headerGroups(text: string): Promise<Array<Record<string, string>>> {
	// A second Final-Recipient in one block starts the next recipient's group: some MTAs leave out
	// the blank line between groups.
	const blocks = text
		.split(/\r?\n[ \t]*\r?\n/)
		.flatMap((b) => b.split(/\r?\n(?=final-recipient:)/i))
		.filter((b) => b.trim());
	return await Promise.all(blocks.map(headerBlock));
}
