import { addressList, sender } from './addresses';
import { parseDate } from './parseDate';
import { htmlToText, splitBody } from './splitBody';
import { messageIds } from './threadKey';
import type { EmailFields, IngestItem, NormalizedEmail } from './types';

type FieldsItem = Extract<IngestItem, { kind: 'fields' }>;

const kindOf = (value: unknown) =>
	value === null
		? 'null'
		: Array.isArray(value)
			? 'a list'
			: typeof value === 'object'
				? 'an object'
				: `a ${typeof value} (${JSON.stringify(value)})`;

/** What each field may hold; anything else is an error naming the field (a JSON file may hold anything). */
const TEXT_ONLY: Array<keyof EmailFields> = [
	'from',
	'subject',
	'body',
	'html',
	'inReplyTo',
	'references',
];
const TEXT_OR_NUMBER: Array<keyof EmailFields> = ['id', 'threadId'];
const ADDRESS_LISTS: Array<keyof EmailFields> = ['to', 'cc'];

function checkTypes(f: Record<string, unknown>): void {
	const wrong = (field: string, expected: string) => {
		throw new Error(`field "${field}" must be ${expected}, but holds ${kindOf(f[field])}`);
	};
	for (const field of TEXT_ONLY) {
		if (f[field] !== undefined && typeof f[field] !== 'string') {
			wrong(field, field === 'from' ? 'text such as "Dana Reyes <dana@x.io>"' : 'text');
		}
	}
	for (const field of TEXT_OR_NUMBER) {
		const value = f[field];
		if (value !== undefined && typeof value !== 'string' && typeof value !== 'number')
			wrong(field, 'text');
	}
	for (const field of ADDRESS_LISTS) {
		const value = f[field];
		const ok =
			value === undefined ||
			typeof value === 'string' ||
			(Array.isArray(value) && value.every((entry) => typeof entry === 'string'));
		if (!ok) wrong(field, 'addresses as text or a list of texts');
	}
	const sentAt = f.sentAt;
	if (
		sentAt !== undefined &&
		typeof sentAt !== 'string' &&
		typeof sentAt !== 'number' &&
		!(sentAt instanceof Date)
	) {
		wrong('sentAt', 'a date as text or a number');
	}
}

/**
 * A CSV row, JSON object or n8n item as an email. Needs a subject or a body; a field of the wrong
 * type is an error naming it; a date that cannot be read is a warning and the message is stored
 * undated (never with a guessed date: that would corrupt cadence statistics silently).
 */
export function normalizeFields(item: FieldsItem): NormalizedEmail {
	const f = item.fields;
	checkTypes(f as Record<string, unknown>);
	const subject = (f.subject ?? '').trim();
	const html = f.html || undefined;
	const htmlWarnings: string[] = [];
	const text = f.body ? f.body : html ? htmlToText(html, htmlWarnings) : '';
	if (!subject && !text.trim()) throw new Error('no subject and no body');
	const date = parseDate(f.sentAt, item.dates);
	const sentAt = date?.date;
	const from = sender(f.from);
	const split = splitBody(text);
	const id = f.id === undefined ? undefined : String(f.id);
	const warnings = [
		...((item.metadata?.warnings as string[] | undefined) ?? []),
		...(date?.warning ? [date.warning] : sentAt ? [] : ['no sent-at']),
		...htmlWarnings,
	];
	return {
		provider: item.provider,
		// Empty: none given; the key is then the content hash (messageIdentity.ts).
		providerMessageId: id ? (messageIds(id)[0] ?? id) : '',
		providerThreadId: f.threadId === undefined ? undefined : String(f.threadId),
		messageId: id ? messageIds(id)[0] : undefined,
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
		metadata: { ...item.metadata, ...(warnings.length ? { warnings } : {}) },
		raw: { body: JSON.stringify(f), extension: '.json', contentType: 'application/json' },
		origin: item.origin,
	};
}
