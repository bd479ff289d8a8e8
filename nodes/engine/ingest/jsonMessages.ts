import { type ColumnMapping, fieldsOf, mapColumns } from './columnMapping';
import type { TextFileOptions } from './csvMessages';
import { decodeText } from './decodeText';
import type { IngestItem } from './types';

/**
 * A JSON export: an array of email objects, or an object holding one under `emails`, `messages`,
 * `items` or `data`. Column names follow the CSV aliases; bytes are decoded as `decodeText` says.
 */
export function* jsonMessages(
	content: Buffer | string,
	name: string,
	options: TextFileOptions = {},
): Generator<IngestItem> {
	const decoded =
		typeof content === 'string'
			? { text: content, warning: undefined }
			: decodeText(content, options.charset);
	const text = decoded.text;
	const metadata = decoded.warning ? { warnings: [decoded.warning] } : undefined;
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (error) {
		yield { kind: 'error', origin: name, message: `not valid JSON: ${(error as Error).message}` };
		return;
	}
	const holder = doc as Record<string, unknown>;
	const list = Array.isArray(doc)
		? doc
		: (['emails', 'messages', 'items', 'data'].map((k) => holder?.[k]).find(Array.isArray) as
				unknown[] | undefined);
	if (!list) {
		yield {
			kind: 'error',
			origin: name,
			message: 'expected an array of emails (or {"emails": [...]})',
		};
		return;
	}
	const mappings = new Map<string, ColumnMapping | Error>();
	for (const [index, entry] of list.entries()) {
		const origin = `${name}, entry ${index}`;
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
			yield { kind: 'error', origin, message: 'not an object' };
			continue;
		}
		const keys = Object.keys(entry);
		const signature = keys.join('\u0000');
		if (!mappings.has(signature)) {
			try {
				mappings.set(signature, mapColumns(keys));
			} catch (error) {
				mappings.set(signature, error as Error);
			}
		}
		const mapping = mappings.get(signature)!;
		if (mapping instanceof Error) {
			yield { kind: 'error', origin, message: mapping.message };
			continue;
		}
		yield {
			kind: 'fields',
			provider: 'json',
			origin,
			fields: fieldsOf(entry as Record<string, unknown>, mapping),
			dates: options.dates,
			...(metadata ? { metadata } : {}),
		};
	}
}
