import PostalMime from 'postal-mime';

import { sha256 } from '../objectStore/contentKey';
import { htmlToText, splitBody } from './splitBody';
import { messageIds } from './threadKey';
import type { IngestItem, NormalizedEmail } from './types';

type MimeItem = Extract<IngestItem, { kind: 'mime' }>;

/** Above this a "message" is almost certainly not one; it is refused with a clear error. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

function parseDate(value: string | undefined): Date | undefined {
	if (!value) return undefined;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

function addresses(list: PostalMime.Address[] | undefined): string[] {
	const out: string[] = [];
	for (const entry of list ?? []) {
		if ('group' in entry && entry.group) out.push(...addresses(entry.group));
		else if ('address' in entry && entry.address) out.push(entry.address.toLowerCase());
	}
	return out;
}

/**
 * Parses one MIME message with postal-mime (charsets, encoded words, multipart, 8-bit headers) into
 * the normalized shape. Throws a plain Error with what is wrong; the caller adds where.
 */
export async function parseMime(item: MimeItem): Promise<NormalizedEmail> {
	if (item.raw.length === 0) throw new Error('empty file: no message in it');
	if (item.raw.length > MAX_MESSAGE_BYTES) {
		throw new Error(
			`message is ${item.raw.length} bytes, over the ${MAX_MESSAGE_BYTES}-byte limit`,
		);
	}
	const mail = await PostalMime.parse(item.raw, { attachmentEncoding: 'arraybuffer' });
	const hasHeaders = Boolean(mail.from || mail.date || mail.messageId || mail.subject);
	if (!hasHeaders || mail.headers.length === 0) {
		throw new Error('not an email: no From, Date, Subject or Message-ID header');
	}
	const from = mail.from && 'address' in mail.from ? mail.from : undefined;
	const text = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '';
	const split = splitBody(text);
	const sentAt = parseDate(mail.date) ?? item.fallbackSentAt;
	const messageId = messageIds(mail.messageId)[0];
	const warnings: string[] = [];
	if (mail.date && !parseDate(mail.date)) warnings.push(`unparseable Date header "${mail.date}"`);
	if (!mail.date) warnings.push('no Date header');
	if (!text.trim()) warnings.push('empty body');

	return {
		provider: item.provider,
		// The Message-ID is what every mail system dedupes on; without one, the content is the identity.
		providerMessageId: item.providerMessageId ?? messageId ?? `sha256:${sha256(item.raw)}`,
		providerThreadId: item.threadId,
		messageId,
		inReplyTo: messageIds(mail.inReplyTo)[0],
		references: messageIds(mail.references),
		fromAddress: from?.address?.toLowerCase() || undefined,
		fromName: from?.name || undefined,
		to: addresses(mail.to),
		cc: addresses(mail.cc),
		subject: mail.subject ?? '',
		bodyText: split.body,
		quotedText: split.quoted,
		signatureText: split.signature,
		html: mail.html,
		sentAt,
		metadata: {
			...item.metadata,
			attachments: mail.attachments.map((a) => ({
				filename: a.filename ?? null,
				mimeType: a.mimeType,
				bytes: (a.content as ArrayBuffer).byteLength,
			})),
			...(warnings.length ? { warnings } : {}),
		},
		raw: { body: item.raw, extension: '.eml', contentType: 'message/rfc822' },
		origin: item.origin,
	};
}
