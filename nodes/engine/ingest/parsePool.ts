import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { normalizeItem, type ParsableItem } from './normalizeItem';
import type { NormalizedEmail } from './types';

/**
 * A small young generation: the worker's garbage is short-lived parse output, and V8's default
 * nursery let a worker hold ~100 MB more than the main thread does for the same messages.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

interface Pending {
	resolve: (email: NormalizedEmail) => void;
	reject: (error: Error) => void;
}

interface PoolWorker {
	worker: Worker;
	pending: Map<number, Pending>;
}

/**
 * MIME parsing (postal-mime, reply and signature splitting) on worker threads, so it runs beside the
 * object and database writes of the main thread instead of between them. Results come back as the
 * same NormalizedEmail the in-thread path makes; a worker that dies fails only its own messages and
 * the pool goes on in-thread.
 */
export class ParsePool {
	private readonly workers: PoolWorker[] = [];
	private nextId = 0;
	private broken = false;

	constructor(size = Math.max(1, availableParallelism() - 1)) {
		for (let i = 0; i < size; i++) this.workers.push(this.spawn());
	}

	private spawn(): PoolWorker {
		const entry = join(__dirname, `parseWorker${extname(__filename)}`);
		// Run from the TypeScript sources (tests, benchmarks) the worker needs the same on-the-fly
		// transpiling its parent has; the built package ships plain .js.
		const worker = entry.endsWith('.ts')
			? new Worker(
					`require(${JSON.stringify(join(__dirname, '../../../test/helpers/register-ts.js'))});` +
						`require(${JSON.stringify(entry)});`,
					{ eval: true, resourceLimits: WORKER_LIMITS },
				)
			: new Worker(entry, { resourceLimits: WORKER_LIMITS });
		const self: PoolWorker = { worker, pending: new Map() };
		worker.on('message', (reply: { id: number; email?: NormalizedEmail; error?: string }) => {
			const job = self.pending.get(reply.id);
			if (!job) return;
			self.pending.delete(reply.id);
			if (reply.error !== undefined) return job.reject(new Error(reply.error));
			const email = reply.email!;
			const body = email.raw.body as Buffer | Uint8Array | string;
			if (typeof body !== 'string') {
				email.raw.body = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
			}
			job.resolve(email);
		});
		const failAll = (error: Error) => {
			this.broken = true;
			for (const job of self.pending.values()) {
				job.reject(new Error(`the parser worker stopped: ${error.message}`));
			}
			self.pending.clear();
		};
		worker.on('error', failAll);
		worker.on('exit', (code) => {
			if (self.pending.size) failAll(new Error(`exit code ${code}`));
		});
		return self;
	}

	/** Normalizes one message on the least busy worker (in-thread once the pool has failed). */
	async normalize(item: ParsableItem): Promise<NormalizedEmail> {
		if (this.broken || item.kind !== 'mime') return await normalizeItem(item);
		const target = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
		const id = this.nextId++;
		// The worker gets its own copy of exactly these bytes: the mbox reader's buffers are slices
		// of larger chunks, which must not be cloned whole or detached.
		const raw = new Uint8Array(item.raw);
		return await new Promise<NormalizedEmail>((resolve, reject) => {
			target.pending.set(id, { resolve, reject });
			target.worker.postMessage({ id, item: { ...item, raw } }, [raw.buffer]);
		});
	}

	async close(): Promise<void> {
		await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
	}
}
