import { Readable } from 'node:stream';

import { invalidInput } from '../errors';
import { csvMessages, type TextFileOptions } from './csvMessages';
import { jsonMessages } from './jsonMessages';
import { mboxMessages } from './mboxMessages';
import { MAX_MESSAGE_BYTES } from './parseMime';
import type { IngestItem } from './types';

export type FileFormat = 'eml' | 'mbox' | 'csv' | 'json';
export const FILE_FORMATS: FileFormat[] = ['eml', 'mbox', 'csv', 'json'];

export interface UploadedFile {
	fileName: string;
	mimeType?: string;
	/** A stream for large files (mbox); small ones may come as a buffer. */
	content: Readable | Buffer;
}

/** The format from the file name, then the MIME type; undefined when neither says. */
export function detectFormat(
	file: Pick<UploadedFile, 'fileName' | 'mimeType'>,
): FileFormat | undefined {
	const extension = /\.([a-z0-9]+)$/i.exec(file.fileName)?.[1]?.toLowerCase();
	if (extension === 'eml' || extension === 'msg822') return 'eml';
	if (extension === 'mbox' || extension === 'mbx') return 'mbox';
	if (extension === 'csv') return 'csv';
	if (extension === 'json') return 'json';
	const mime = file.mimeType?.toLowerCase() ?? '';
	if (mime === 'message/rfc822') return 'eml';
	if (mime === 'application/mbox') return 'mbox';
	if (mime === 'text/csv') return 'csv';
	if (mime === 'application/json') return 'json';
	return undefined;
}

async function toBuffer(content: Readable | Buffer, limit: number, name: string): Promise<Buffer> {
	if (Buffer.isBuffer(content)) return content;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of content) {
		size += (chunk as Buffer).length;
		if (size > limit) throw invalidInput(`${name} is larger than ${limit} bytes`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/**
 * The messages in one uploaded file, streamed where the format allows (mbox, CSV). A file that
 * cannot be read at all is one error entry; the other files of the run go on.
 */
export async function* fileMessages(
	file: UploadedFile,
	format?: FileFormat,
	options: TextFileOptions = {},
): AsyncGenerator<IngestItem> {
	try {
		yield* readFile(file, format, options);
	} catch (error) {
		yield { kind: 'error', origin: file.fileName, message: (error as Error).message };
	}
}

/** CSV and JSON files are read whole (their charset is decided on all of their bytes). */
const MAX_TEXT_FILE_BYTES = 256 * 1024 * 1024;

async function* readFile(
	file: UploadedFile,
	format: FileFormat | undefined,
	options: TextFileOptions,
): AsyncGenerator<IngestItem> {
	const kind = format ?? detectFormat(file);
	const name = file.fileName;
	const stream = () =>
		Buffer.isBuffer(file.content) ? Readable.from([file.content]) : file.content;
	switch (kind) {
		case 'mbox':
			yield* mboxMessages(stream(), { name, maxMessageBytes: MAX_MESSAGE_BYTES });
			return;
		case 'csv':
			yield* csvMessages(await toBuffer(file.content, MAX_TEXT_FILE_BYTES, name), name, options);
			return;
		case 'json':
			yield* jsonMessages(await toBuffer(file.content, MAX_TEXT_FILE_BYTES, name), name, options);
			return;
		case 'eml':
			yield {
				kind: 'mime',
				provider: 'eml',
				origin: name,
				raw: await toBuffer(file.content, MAX_MESSAGE_BYTES, name),
			};
			return;
		default:
			yield {
				kind: 'error',
				origin: name,
				message: `cannot tell the format of "${name}" (${file.mimeType ?? 'no MIME type'}); choose eml, mbox, csv or json`,
			};
	}
}
