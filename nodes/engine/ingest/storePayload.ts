import type { LocalObjectStore } from '../objectStore/LocalObjectStore';
import type { ObjectStore } from '../objectStore/ObjectStore';
import type { NormalizedEmail, StoredPayload } from './types';

type Payload = Pick<NormalizedEmail, 'raw' | 'html'>;

const RAW = (email: Payload) => ({
	prefix: 'raw',
	extension: email.raw.extension,
	contentType: email.raw.contentType,
});
const HTML = { prefix: 'html', extension: '.html', contentType: 'text/html; charset=utf-8' };

/** Bronze: the raw payload and the HTML body of a message, under their content hashes. */
export async function storePayload(objects: ObjectStore, email: Payload): Promise<StoredPayload> {
	const raw = await objects.putContent(email.raw.body, RAW(email));
	const html = email.html ? await objects.putContent(email.html, HTML) : undefined;
	return { rawKey: raw.key, htmlKey: html?.key };
}

/** The same on a parser worker thread, where synchronous writes block nothing but that thread. */
export function storePayloadSync(objects: LocalObjectStore, email: Payload): StoredPayload {
	const raw = objects.putContentSync(email.raw.body, RAW(email));
	const html = email.html ? objects.putContentSync(email.html, HTML) : undefined;
	return { rawKey: raw.key, htmlKey: html?.key };
}
