import PostalMime from 'postal-mime';

import { invalidInput } from '../../errors';
import { htmlToText } from '../../ingest/splitBody';
import { messageIds } from '../../ingest/threadKey';
import { headerBlock, headerGroups } from './headerBlock';
import type { InboundMessage } from './types';

const REPORT_TYPES = {
	'message/delivery-status': 'delivery-status',
	'message/feedback-report': 'feedback-report',
} as const;
const ORIGINAL_TYPES = new Set(['text/rfc822-headers', 'message/rfc822', 'message/rfc822-headers']);

/** A part of a message (an attachment to postal-mime, a binary to n8n): its type and bytes. */
export interface MessagePart {
	mimeType: string;
	content: Uint8Array | ArrayBuffer | string;
}

const textOf = (content: MessagePart['content']) =>
	typeof content === 'string' ? content : Buffer.from(content as ArrayBuffer).toString('utf8');

/** The report and the returned message's headers, from the parts of a bounce or complaint. */
export async function reportParts(
	parts: MessagePart[],
): Promise<Pick<InboundMessage, 'report' | 'original'>> {
	const out: Pick<InboundMessage, 'report' | 'original'> = {};
	for (const part of parts) {
		const type = part.mimeType.toLowerCase();
		if (type in REPORT_TYPES && !out.report) {
			out.report = {
				type: REPORT_TYPES[type as keyof typeof REPORT_TYPES],
				groups: await headerGroups(textOf(part.content)),
			};
		} else if (ORIGINAL_TYPES.has(type) && !out.original) {
			// Only the header block matters: a returned message/rfc822 is cut at its blank line.
			const head = textOf(part.content).split(/\r?\n\r?\n/)[0];
			const fields = await headerBlock(head);
			out.original = {
				messageId: messageIds(fields['message-id'])[0],
				to: (fields.to ?? '').match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? [],
			};
		}
	}
	return out;
}

/** Reads one raw MIME message (a reply, an auto-reply, a DSN, an ARF complaint). */
export async function parseInbound(raw: Buffer | Uint8Array | string): Promise<InboundMessage> {
	const mail = await PostalMime.parse(raw, {
		attachmentEncoding: 'arraybuffer',
		// Keeps a returned message as a part instead of merging its text into the bounce's.
		forceRfc822Attachments: true,
	});
	if (!mail.headers.length || !(mail.from || mail.messageId || mail.subject)) {
		throw invalidInput(
			'Not an email: no From, Subject or Message-ID header',
			'Give the whole message (.eml), headers included.',
		);
	}
	const headers: Record<string, string> = {};
	for (const h of mail.headers) headers[h.key] ??= h.value;
	const from = mail.from && 'address' in mail.from ? mail.from.address : undefined;
	return {
		messageId: messageIds(mail.messageId)[0],
		from: from?.toLowerCase(),
		subject: mail.subject ?? '',
		text: mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '',
		headers,
		inReplyTo: messageIds(mail.inReplyTo)[0],
		references: messageIds(mail.references),
		...(await reportParts(
			mail.attachments.map((a) => ({ mimeType: a.mimeType, content: a.content as ArrayBuffer })),
		)),
	};
}
