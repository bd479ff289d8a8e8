import { sha256 } from '../objectStore/contentKey';
import { htmlToText, splitBody } from './splitBody';
import { messageIds } from './threadKey';
import type { IngestItem, NormalizedEmail } from './types';

type FieldsItem = Extract<IngestItem, { kind: 'fields' }>;

const ADDRESS = /[^\s<>,;"']+@[^\s<>,;"']+/g;

function addressList(value: string | string[] | undefined): string[] {
	const text = Array.isArray(value) ? value.join(',') : (value ?? '');
	return (text.match(ADDRESS) ?? []).map((a) => a.toLowerCase());
}

/** "Dana Reyes <dana@x.io>" → name and address. */
function sender(value: string | undefined): { address?: string; name?: string } {
	if (!value) return {};
	const address = addressList(value)[0];
	const name = value
		.replace(/<[^>]*>/, '')
		.replace(ADDRESS, '')
		.replace(/["']/g, '')
		.trim();
	return { address, name: name || undefined };
}

function toDate(value: string | number | Date | undefined): Date | undefined | null {
	if (value === undefined || value === null || value === '') return undefined;
	const date =
		value instanceof Date
			? value
			: typeof value === 'number' || /^\d{10,13}$/.test(String(value))
				? new Date(Number(value) < 1e12 ? Number(value) * 1000 : Number(value))
				: new Date(String(value));
	return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A CSV row, JSON object or n8n item as an email. Needs a subject or a body; a date that does not
 * parse is an error (a wrong sent-at would corrupt cadence statistics silently).
 */
export function normalizeFields(item: FieldsItem): NormalizedEmail {
	const f = item.fields;
	const subject = String(f.subject ?? '').trim();
	const html = f.html ? String(f.html) : undefined;
	const text = f.body ? String(f.body) : html ? htmlToText(html) : '';
	if (!subject && !text.trim()) throw new Error('no subject and no body');
	const sentAt = toDate(f.sentAt);
	if (sentAt === null) throw new Error(`sent-at "${String(f.sentAt)}" is not a date`);
	const from = sender(f.from);
	const split = splitBody(text);
	const identity = JSON.stringify([
		f.from ?? '',
		f.to ?? '',
		subject,
		sentAt?.toISOString() ?? '',
		text,
	]);
	const raw = JSON.stringify(f);
	return {
		provider: item.provider,
		providerMessageId: f.id ? String(f.id) : `sha256:${sha256(identity)}`,
		providerThreadId: f.threadId ? String(f.threadId) : undefined,
		messageId: f.id ? messageIds(String(f.id))[0] : undefined,
		inReplyTo: messageIds(f.inReplyTo)[0],
		references: messageIds(f.references),
		fromAddress: from.address,
		fromName: from.name,
		to: addressList(f.to),
		cc: addressList(f.cc),
		subject,
		bodyText: split.body,
		quotedText: split.quoted,
		signatureText: split.signature,
		html,
		sentAt,
		metadata: { ...item.metadata, ...(sentAt ? {} : { warnings: ['no sent-at'] }) },
		raw: { body: raw, extension: '.json', contentType: 'application/json' },
		origin: item.origin,
	};
}
