import type { EmailFields } from './types';

/** Column names people export from CRMs and spreadsheets, per field (compared lower-case, no spaces). */
const ALIASES: Record<keyof EmailFields, string[]> = {
	id: ['id', 'messageid', 'message_id', 'emailid'],
	from: ['from', 'sender', 'fromemail', 'from_email', 'fromaddress'],
	to: ['to', 'recipient', 'recipients', 'toemail', 'to_email', 'toaddress'],
	cc: ['cc'],
	subject: ['subject', 'title', 'subjectline'],
	body: ['body', 'text', 'content', 'message', 'bodytext', 'body_text', 'plaintext'],
	html: ['html', 'bodyhtml', 'body_html'],
	sentAt: ['sentat', 'sent_at', 'sent', 'date', 'timestamp', 'senttime', 'datetime', 'time'],
	threadId: ['thread', 'threadid', 'thread_id', 'conversation', 'conversationid'],
	inReplyTo: ['inreplyto', 'in_reply_to'],
	references: ['references'],
};

const key = (name: string) => name.toLowerCase().replace(/[\s-]/g, '');

export interface ColumnMapping {
	/** field → the column it is read from */
	columns: Partial<Record<keyof EmailFields, string>>;
	/** Columns that map to nothing (kept in metadata). */
	unused: string[];
}

/** Matches a header row to the fields; throws naming what is missing (body or subject is needed). */
export function mapColumns(header: string[]): ColumnMapping {
	const columns: ColumnMapping['columns'] = {};
	const used = new Set<string>();
	for (const [field, aliases] of Object.entries(ALIASES) as Array<[keyof EmailFields, string[]]>) {
		const column = header.find((name) => !used.has(name) && aliases.includes(key(name)));
		if (column) {
			columns[field] = column;
			used.add(column);
		}
	}
	if (!columns.body && !columns.subject) {
		throw new Error(
			`no body or subject column (found: ${header.join(', ') || 'none'}); name one "body" ` +
				`(or ${ALIASES.body.slice(1, 4).join(', ')}) or "subject"`,
		);
	}
	return { columns, unused: header.filter((name) => !used.has(name)) };
}

/** One record (CSV row, JSON object) through a mapping. */
export function fieldsOf(record: Record<string, unknown>, mapping: ColumnMapping): EmailFields {
	const fields: Record<string, unknown> = {};
	for (const [field, column] of Object.entries(mapping.columns)) {
		const value = record[column as string];
		if (value !== undefined && value !== null && value !== '') fields[field] = value;
	}
	return fields as EmailFields;
}
