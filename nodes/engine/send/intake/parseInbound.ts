import PostalMime from 'postal-mime';

import { invalidInput } from '../../errors';
import { htmlToText } from '../../ingest/splitBody';
import { messageIds } from '../../ingest/threadKey';
import { headerBlock, headerGroups } from './headerBlock';
import { sesNotification } from './sesNotification';
import type { InboundMessage } from './types';

const REPORT_TYPES = {
	'message/delivery-status': 'delivery-status',
	'message/global-delivery-status': 'delivery-status',
	'message/feedback-report': 'feedback-report',
	'message/disposition-notification': 'disposition-notification',
	'message/global-disposition-notification': 'disposition-notification',
} as const;
const ORIGINAL_TYPES = new Set(['text/rfc822-headers', 'message/rfc822', 'message/rfc822-headers']);

/** A part of a message (an attachment to postal-mime, a binary to n8n): its type and bytes. */
export interface MessagePart {
	mimeType: string;
	content: Uint8Array | ArrayBuffer | string;
}

/** The most of a report or returned header block read: reports are small, a hostile one is not. */
const MAX_REPORT = 256 * 1024;

const textOf = (content: MessagePart['content']) =>
	typeof content === 'string' ? content : Buffer.from(content as ArrayBuffer).toString('utf8');

/** The report and the returned message's headers, from the parts of a bounce or complaint. */
export async function reportParts(
	parts: MessagePart[],
): Promise<Pick<InboundMessage, 'report' | 'original'>> {
	const out: Pick<InboundMessage, 'report' | 'original'> = {};
	for (const part of parts) {
		const type = part.mimeType.toLowerCase();
		if (type in REPORT_TYPES) {
			const kind = REPORT_TYPES[type as keyof typeof REPORT_TYPES];
			// Every part of the first report's type: some MTAs write one delivery-status part per
			// recipient, and each recipient counts.
			if (out.report && out.report.type !== kind) continue;
			const groups = await headerGroups(textOf(part.content).slice(0, MAX_REPORT));
			out.report = { type: kind, groups: [...(out.report?.groups ?? []), ...groups] };
		} else if (ORIGINAL_TYPES.has(type) && !out.original) {
			// Only the header block matters: a returned message/rfc822 is cut at its blank line.
			const head = textOf(part.content)
				.slice(0, MAX_REPORT)
				.split(/\r?\n\r?\n/)[0];
			const fields = await headerBlock(head);
			out.original = {
				messageId: messageIds(fields['message-id'])[0],
				from: fields.from,
				to: (fields.to ?? '').match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? [],
				headers: fields,
			};
		}
	}
	return out;
}

/**
 * The body as text when the MIME structure gave none (a multipart whose boundary parameter does not
 * match the parts, as some gateways write): the bytes after the header block.
 */
function rawBody(raw: Buffer | Uint8Array | string): string {
	const text = (typeof raw === 'string' ? raw : Buffer.from(raw).toString('latin1')).slice(
		0,
		1_000_000,
	);
	const start = /\r?\n\r?\n/.exec(text);
	return start ? text.slice(start.index + start[0].length) : '';
}

/**
 * A delivery-status report written into the text instead of its own part (a forwarded bounce, a
 * broken multipart): its field groups, from the first Reporting-MTA or Final-Recipient line.
 */
async function textReport(text: string): Promise<InboundMessage['report']> {
	const start = /^(reporting-mta|final-recipient|original-recipient):/im.exec(
		text.slice(0, 200_000),
	);
	if (!start || !/^action:/im.test(text.slice(start.index, start.index + 20_000))) return undefined;
	const block = text.slice(start.index, start.index + 20_000).split(/^--|^content-type:/im)[0];
	const groups = (await headerGroups(block)).filter((g) => Object.keys(g).length);
	return groups.some((g) => g['final-recipient'] || g['original-recipient'])
		? { type: 'delivery-status', groups }
		: undefined;
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
	for (const h of mail.headers) {
		// Every X-Failed-Recipients line counts (Exim writes one per recipient); of others the first.
		if (h.key === 'x-failed-recipients' && headers[h.key]) headers[h.key] += `, ${h.value}`;
		else headers[h.key] ??= h.value;
	}
	const from = mail.from && 'address' in mail.from ? mail.from.address : undefined;
	const text = mail.text?.trim()
		? mail.text
		: mail.html
			? htmlToText(mail.html)
			: mail.attachments.length
				? ''
				: rawBody(raw);
	const parts = await reportParts(
		mail.attachments.map((a) => ({ mimeType: a.mimeType, content: a.content as ArrayBuffer })),
	);
	const report = parts.report ?? sesNotification(text) ?? (await textReport(text));
	return {
		messageId: messageIds(mail.messageId)[0],
		from: from?.toLowerCase(),
		subject: mail.subject ?? '',
		text,
		headers,
		inReplyTo: messageIds(mail.inReplyTo)[0],
		references: messageIds(mail.references),
		...parts,
		...(report ? { report } : {}),
	};
}
