import { invalidInput } from '../../errors';
import { itemFields } from '../../ingest/itemFields';
import { messageIds } from '../../ingest/threadKey';
import { type MessagePart, reportParts } from './parseInbound';
import type { InboundMessage } from './types';

/** Header values from what n8n's mail nodes put out: a `headers` object, or mailparser's lines. */
function headersOf(json: Record<string, unknown>): Record<string, string> {
	const headers: Record<string, string> = {};
	const object = json.headers;
	if (object && typeof object === 'object' && !Array.isArray(object)) {
		for (const [k, v] of Object.entries(object as Record<string, unknown>)) {
			const value = Array.isArray(v) ? v[0] : v;
			if (typeof value === 'string') headers[k.toLowerCase()] ??= value;
		}
	}
	for (const line of Array.isArray(json.headerLines) ? json.headerLines : []) {
		const { key, line: text } = (line ?? {}) as { key?: string; line?: string };
		if (key && text) headers[key.toLowerCase()] ??= text.slice(text.indexOf(':') + 1).trim();
	}
	return headers;
}

/**
 * An incoming message from an n8n mail item's fields (the Email Trigger (IMAP), Gmail and Outlook
 * nodes) and its binaries: a DSN's report and returned headers arrive there as attachments.
 */
export async function inboundFromFields(
	json: Record<string, unknown>,
	parts: MessagePart[],
): Promise<InboundMessage> {
	const f = itemFields(json);
	const headers = headersOf(json);
	const from = String(f.from ?? headers.from ?? '');
	const address = /[^\s<>"]+@[^\s<>"]+/.exec(from)?.[0];
	if (!address && !f.subject && !f.id) {
		throw invalidInput(
			'Not an email: the item has no from, subject or message ID field',
			"Connect a mail trigger (IMAP, Gmail, Outlook), or set Input to 'Raw Message (Binary)'.",
		);
	}
	return {
		messageId: messageIds(String(f.id ?? headers['message-id'] ?? ''))[0],
		from: address?.toLowerCase(),
		subject: String(f.subject ?? headers.subject ?? ''),
		text: String(f.body ?? ''),
		headers,
		inReplyTo: messageIds(String(f.inReplyTo ?? headers['in-reply-to'] ?? ''))[0],
		references: messageIds(
			Array.isArray(json.references)
				? json.references.join(' ')
				: String(f.references ?? headers.references ?? ''),
		),
		...(await reportParts(parts)),
	};
}
