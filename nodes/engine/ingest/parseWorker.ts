// Worker-thread entry of the parse pool: normalizes the chunks of MIME messages it is sent and
// answers each chunk with one message; with a local object folder it also stores each message's raw
// payload and HTML there, off the main thread.
import { parentPort, workerData } from 'node:worker_threads';

import { LocalObjectStore } from '../objectStore/LocalObjectStore';
import { ConcatBlob } from './concatBlob';
import { normalizeItem } from './normalizeItem';
import type { ParseChunk, ParseReply } from './parsePool';
import { storePayloadSync } from './storePayload';

// This thread runs nothing but the parse: its Blob is the one postal-mime reads back cheaply
// (concatBlob.ts). The global of a worker thread is its own; n8n's threads keep Node's Blob.
globalThis.Blob = ConcatBlob as unknown as typeof Blob;

const data = workerData as { objectsFolder?: string; started?: Int32Array } | undefined;
const objects = data?.objectsFolder ? new LocalObjectStore(data.objectsFolder) : undefined;
/** Messages started, shared with the pool: it tells which message overran its time budget. */
const started = data?.started;

async function parse(chunk: ParseChunk): Promise<ParseReply[]> {
	const bytes = Buffer.from(chunk.raw.buffer, chunk.raw.byteOffset, chunk.raw.length);
	const replies: ParseReply[] = [];
	let offset = 0;
	for (const { bytes: length, ...item } of chunk.items) {
		const message = bytes.subarray(offset, (offset += length));
		if (started) Atomics.add(started, 0, 1);
		try {
			const email = await normalizeItem({ ...item, raw: message });
			// The parent still holds the raw bytes; the HTML goes back only when not stored here.
			const stored = objects && storePayloadSync(objects, email);
			const { html, ...parsed } = email;
			const raw = { extension: email.raw.extension, contentType: email.raw.contentType };
			replies.push({ email: { ...parsed, raw, ...(stored ? { stored } : { html }) } });
		} catch (error) {
			replies.push({ error: (error as Error).message });
		}
	}
	return replies;
}

// Chunks are answered in the order they came: the pool matches answers to chunks by that order.
// As JSON: the answers are plain data bound for a JSON insert anyway, and a string crosses the port
// as one copy where a structured clone walked every field on both threads (~50 µs a message).
// Every chunk gets exactly one answer, whatever fails, or the chunks after it would wait forever.
async function answer(chunk: ParseChunk): Promise<void> {
	let json: string;
	try {
		json = JSON.stringify(await parse(chunk));
	} catch (error) {
		const failed: ParseReply = { error: `the parser worker failed: ${(error as Error).message}` };
		json = JSON.stringify(chunk.items.map(() => failed));
	}
	parentPort!.postMessage(json);
}

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (chunk: ParseChunk) => {
	queue = queue.then(() => answer(chunk));
});
