import type { EmailFields } from './types';

/**
 * Where each field is found in the items n8n's own mail nodes put out, first match wins: the Gmail
 * node (simplified or not), the Email Trigger (IMAP) and Microsoft Outlook nodes, and plain
 * spreadsheet-like items. A person can name other paths per field.
 */
export const DEFAULT_ITEM_PATHS: Record<keyof EmailFields, string[]> = {
	id: ['messageId', 'internetMessageId', 'id'],
	from: [
		'from.text',
		'from.value.0.address',
		'from.emailAddress.address',
		'from',
		'From',
		'sender',
	],
	to: ['to.text', 'to', 'To', 'toRecipients.0.emailAddress.address'],
	cc: ['cc.text', 'cc'],
	subject: ['subject', 'Subject'],
	body: ['text', 'textPlain', 'body.content', 'body', 'snippet'],
	html: ['html', 'textHtml', 'textAsHtml'],
	sentAt: ['date', 'sentDateTime', 'sentAt', 'internalDate', 'receivedDateTime'],
	threadId: ['threadId', 'conversationId'],
	inReplyTo: ['inReplyTo', 'headers.in-reply-to'],
	references: ['references', 'headers.references'],
};

function at(value: unknown, path: string): unknown {
	let current = value;
	for (const part of path.split('.')) {
		if (current === null || current === undefined || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

function scalar(value: unknown): string | number | undefined {
	if (typeof value === 'string') return value.trim() ? value : undefined;
	if (typeof value === 'number') return value;
	return undefined;
}

/** An n8n item's JSON as email fields; `overrides` name the path to use for a field. */
export function itemFields(
	json: Record<string, unknown>,
	overrides: Partial<Record<keyof EmailFields, string>> = {},
): EmailFields {
	const fields: Record<string, unknown> = {};
	for (const [field, paths] of Object.entries(DEFAULT_ITEM_PATHS) as Array<
		[keyof EmailFields, string[]]
	>) {
		const override = overrides[field]?.trim();
		for (const path of override ? [override] : paths) {
			const value = scalar(at(json, path));
			if (value !== undefined) {
				fields[field] = value;
				break;
			}
		}
	}
	return fields as EmailFields;
}
