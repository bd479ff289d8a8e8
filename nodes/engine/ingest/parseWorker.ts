// Worker-thread entry of the parse pool: normalizes the MIME messages it is sent and posts them back.
import { parentPort } from 'node:worker_threads';

import { normalizeItem, type ParsableItem } from './normalizeItem';

parentPort?.on('message', (job: { id: number; item: ParsableItem }) => {
	const item = job.item;
	// Structured clone delivers a Uint8Array; the parser's callers expect a Buffer over the same bytes.
	if (item.kind === 'mime')
		item.raw = Buffer.from(item.raw.buffer, item.raw.byteOffset, item.raw.length);
	normalizeItem(item).then(
		(email) => {
			// The raw bytes go back without a copy: they were this worker's own copy.
			const body = email.raw.body;
			const transfer = typeof body === 'string' ? [] : [body.buffer as ArrayBuffer];
			parentPort!.postMessage({ id: job.id, email }, transfer);
		},
		(error: Error) => parentPort!.postMessage({ id: job.id, error: error.message }),
	);
});
