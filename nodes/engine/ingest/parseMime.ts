import PostalMime from 'postal-mime';

import { decodeHeaderWords } from './decodeHeaderWords';
import { parseDate } from './parseDate';
import { prepareRaw } from './prepareRaw';
import { htmlToText, splitBody } from './splitBody';
import { decodeUtf7Text } from './utf7';
import { messageIds } from './threadKey';
import type { IngestItem, NormalizedEmail } from './types';

type MimeItem = Extract<IngestItem, { kind: 'mime' }>;

/** Where a header names a sender besides From: an address, or a List-Id's <list.domain>. */
const SENDER_HEADERS = ['sender', 'reply-to', 'list-id', 'return-path'];
const ADDRESS = /[^\s<>"',;]+@[^\s<>"',;]+/g;
/** An RFC 2047 encoded word: =?charset?B|Q?text?= */
const ENCODED_WORD = /=\?[^?\s]{1,40}\?[bBqQ]\?[^?\s]*\?=/;

function otherSenders(headers: Array<{ key: string; value: string }>): string[] {
	const found = headers
		.filter((h) => SENDER_HEADERS.includes(h.key))
		.slice(0, 8)
		.flatMap((h) =>
			h.key === 'list-id'
				? [/<([^<>\s]+)>/.exec(h.value.slice(0, 2000))?.[1] ?? h.value.slice(0, 320).trim()]
				: (h.value.slice(0, 2000).match(ADDRESS) ?? []),
		)
		.map((v) => v.toLowerCase().slice(0, 320));
	return [...new Set(found)];
}

/** Above this a "message" is almost certainly not one; it is refused with a clear error. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

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
	// What the parser cannot read as it is (bare CR, Latin-1 header bytes, a 4 MB To:) is made
	// readable first; the stored payload stays the original bytes.
	const prepared = prepareRaw(item.raw);
	const warnings = prepared.warnings;
	const mail = await PostalMime.parse(prepared.raw, { attachmentEncoding: 'arraybuffer' });
	const hasHeaders = Boolean(mail.from || mail.date || mail.messageId || mail.subject);
	if (!hasHeaders || mail.headers.length === 0) {
		throw new Error('not an email: no From, Date, Subject or Message-ID header');
	}
	const from = mail.from && 'address' in mail.from ? mail.from : undefined;
	const plain = mail.text?.trim() ? decodeUtf7Text(mail.text, item.raw) : undefined;
	const text = plain ?? (mail.html ? htmlToText(mail.html, warnings) : '');
	const split = splitBody(text);
	// The header as written: postal-mime's own reading rolls invalid dates over and 0001 into 2001.
	const dateHeader = mail.headers.find((header) => header.key === 'date')?.value;
	const date = parseDate(dateHeader);
	const sentAt = date?.date ?? item.fallbackSentAt;
	const messageId = messageIds(mail.messageId)[0];
	const subjectHeader = mail.headers.find((header) => header.key === 'subject')?.value;
	const subject = decodeHeaderWords(subjectHeader, mail.subject ?? '');
	if (date?.warning) warnings.push(date.warning);
	if (ENCODED_WORD.test(subjectHeader?.slice(0, 2000) ?? '') && !subject.trim())
		warnings.push(
			`the subject's encoded words decoded to nothing (${JSON.stringify(subjectHeader!.slice(0, 80))}); stored without a subject`,
		);
	if (!dateHeader)
		warnings.push(
			item.fallbackSentAt
				? `no Date header; dated ${item.fallbackSentAt.toISOString()} by where it was kept (the mbox "From " line or the server's received date)`
				: 'no Date header',
		);
	if (!text.trim()) warnings.push('empty body');

	return {
		provider: item.provider,
		// The Message-ID is what every mail system dedupes on; without one, the content is the identity.
		providerMessageId: messageId ?? item.providerMessageId ?? '',
		providerThreadId: item.threadId,
		messageId,
		inReplyTo: messageIds(mail.inReplyTo)[0],
		references: messageIds(mail.references),
		fromAddress: from?.address?.toLowerCase() || undefined,
		fromName: from?.name || undefined,
		otherSenders: otherSenders(mail.headers),
		to: addresses(mail.to),
		cc: addresses(mail.cc),
		subject,
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
