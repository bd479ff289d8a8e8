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
/**
 * Messages per postMessage. Each message across a port costs a wake-up and a clone set-up on both
 * threads (~80 µs a message, as much as half a parse); a chunk pays that once.
 */
const CHUNK_MESSAGES = 32;
/** …or fewer when they are large: a chunk's bytes are copied once more on their way. */
const CHUNK_BYTES = 1 << 20;
/**
 * Workers by default: one per core but the main thread's, and at least two, since a worker also
 * waits on its object writes; more than four gained nothing and each holds its own heap.
 */
export const DEFAULT_PARSE_WORKERS = Math.min(4, Math.max(2, availableParallelism() - 1));

type MimeItem = Extract<ParsableItem, { kind: 'mime' }>;

const NOT_KEPT = Buffer.alloc(0);

/** What goes to a worker: the items without their bytes, and all their bytes in one buffer. */
export interface ParseChunk {
	items: Array<Omit<MimeItem, 'raw'> & { bytes: number }>;
	raw: Uint8Array;
}

/**
 * A worker's answer per message, as JSON: parsed without the raw bytes (the parent holds them), or
 * why not. Dates arrive as ISO strings; the pool makes sentAt a Date again.
 */
export type ParseReply =
	| { email: Omit<NormalizedEmail, 'raw'> & { raw: Omit<NormalizedEmail['raw'], 'body'> } }
	| { error: string };

interface Job {
	item: MimeItem;
	resolve: (email: NormalizedEmail) => void;
	reject: (error: Error) => void;
}

interface PoolWorker {
	worker: Worker;
	/** Chunks sent and not answered yet, in order: a worker answers its chunks in order. */
	sent: Job[][];
	waiting: number;
	/** [0]: messages the worker has started, written by the worker (its progress, shared). */
	started: Int32Array;
	/** Messages answered so far, and when the worker last started one (for the time budget). */
	answered: number;
	seenStarted: number;
	since: number;
}

/** Default time one message may take to parse; past it the message is an error, the rest goes on. */
export const DEFAULT_MESSAGE_BUDGET_MS = 60_000;
const WATCH_EVERY_MS = 250;

/**
 * MIME parsing (postal-mime, reply and signature splitting) on worker threads, so it runs beside the
 * database writes of the main thread instead of between them; with a local object folder the
 * workers store each message's raw payload and HTML too (`stored` is set). Results come back as the
 * same NormalizedEmail the in-thread path makes; a worker that dies loses no message: the ones it
 * held are parsed again in-thread, and the pool goes on in-thread.
 */
export class ParsePool {
	private readonly workers: PoolWorker[] = [];
	private chunk: Job[] = [];
	private chunkBytes = 0;
	private flushScheduled = false;
	private broken = false;

	/** `objectsFolder`: a local object store the workers write raw payloads and HTML to themselves. */
	private readonly watch: NodeJS.Timeout;

	/**
	 * `objectsFolder`: a local object store the workers write raw payloads and HTML to themselves.
	 * `budgetMs`: the time one message may take; a worker past it is stopped, that message becomes
	 * an error, and the worker's other messages go to a fresh one.
	 */
	constructor(
		size = DEFAULT_PARSE_WORKERS,
		private readonly objectsFolder?: string,
		private readonly budgetMs = DEFAULT_MESSAGE_BUDGET_MS,
	) {
		for (let i = 0; i < size; i++) this.workers.push(this.spawn());
		this.watch = setInterval(() => this.enforceBudget(), Math.min(WATCH_EVERY_MS, budgetMs / 4));
		this.watch.unref();
	}

	/** Stops a worker that has spent more than the budget on one message (see the constructor). */
	private enforceBudget(): void {
		const now = Date.now();
		for (const [index, self] of this.workers.entries()) {
			const started = Atomics.load(self.started, 0);
			// Timed from when a start is seen: a worker still booting, or between chunks, is not late.
			if (started !== self.seenStarted || started <= self.answered) {
				self.seenStarted = started;
				self.since = now;
				continue;
			}
			if (now - self.since <= this.budgetMs) continue;
			// The message it is on: the last one it started, counted from what it has answered.
			const jobs = self.sent.flat();
			const stuck = jobs[started - 1 - self.answered];
			self.sent = [];
			self.waiting = 0;
			this.workers[index] = this.spawn();
			void self.worker.terminate();
			for (const job of jobs) {
				if (job === stuck) {
					job.reject(
						new Error(
							`took more than ${this.budgetMs / 1000} s to parse and was skipped (a runaway message)`,
						),
					);
				} else this.normalize(job.item).then(job.resolve, job.reject);
			}
		}
	}

	private spawn(): PoolWorker {
		const started = new Int32Array(new SharedArrayBuffer(4));
		const options = {
			resourceLimits: WORKER_LIMITS,
			workerData: { objectsFolder: this.objectsFolder, started },
		};
		const entry = join(__dirname, `parseWorker${extname(__filename)}`);
		// Run from the TypeScript sources (tests) the worker needs the on-the-fly transpiling its
		// parent has, which names its module in SALES_ENGINE_TS_REGISTER; the package ships plain .js.
		const register = process.env.SALES_ENGINE_TS_REGISTER;
		if (entry.endsWith('.ts') && !register)
			throw new Error(
				'the parser workers run from TypeScript sources need SALES_ENGINE_TS_REGISTER: a module that lets require() load .ts',
			);
		const worker = entry.endsWith('.ts')
			? new Worker(`require(${JSON.stringify(register)});require(${JSON.stringify(entry)});`, {
					...options,
					eval: true,
				})
			: new Worker(entry, options);
		const self: PoolWorker = {
			worker,
			sent: [],
			waiting: 0,
			started,
			answered: 0,
			seenStarted: 0,
			since: Date.now(),
		};
		worker.on('message', (json: string) => {
			const replies = JSON.parse(json) as ParseReply[];
			const jobs = self.sent.shift() ?? [];
			self.waiting -= jobs.length;
			self.answered += jobs.length;
			jobs.forEach((job, i) => {
				const reply = replies[i];
				if ('error' in reply) return job.reject(new Error(reply.error));
				const { sentAt, raw, stored } = reply.email;
				job.resolve({
					...reply.email,
					sentAt: sentAt === undefined ? undefined : new Date(sentAt),
					// Once stored, the bytes are not held while the batch fills (500 large messages).
					raw: { ...raw, body: stored ? NOT_KEPT : job.item.raw },
				});
			});
		});
		// A worker that dies takes no message with it: the pool stops using workers and every message
		// the dead one held is parsed again in this thread, where a failure is that message's alone.
		const failAll = () => {
			this.broken = true;
			const jobs = self.sent.flat();
			self.sent = [];
			self.waiting = 0;
			for (const job of jobs) this.normalize(job.item).then(job.resolve, job.reject);
		};
		worker.on('error', failAll);
		worker.on('exit', () => {
			// A worker stopped for its budget has handed its messages on already.
			if (self.sent.length) failAll();
		});
		return self;
	}

	/** Normalizes one message on a worker (in-thread once the pool has failed). */
	async normalize(item: ParsableItem): Promise<NormalizedEmail> {
		if (this.broken || item.kind !== 'mime') return await normalizeItem(item);
		return await new Promise<NormalizedEmail>((resolve, reject) => {
			this.chunk.push({ item, resolve, reject });
			this.chunkBytes += item.raw.length;
			if (this.chunk.length >= CHUNK_MESSAGES || this.chunkBytes >= CHUNK_BYTES) this.flush();
			else if (!this.flushScheduled) {
				// A short input, or the last messages of one, must not wait for a full chunk.
				this.flushScheduled = true;
				setImmediate(() => this.flush());
			}
		});
	}

	/** Sends the collected messages to the least busy worker, their bytes copied into one buffer. */
	private flush(): void {
		this.flushScheduled = false;
		const jobs = this.chunk;
		if (jobs.length === 0) return;
		this.chunk = [];
		this.chunkBytes = 0;
		if (this.broken) {
			for (const job of jobs) normalizeItem(job.item).then(job.resolve, job.reject);
			return;
		}
		const target = this.workers.reduce((a, b) => (b.waiting < a.waiting ? b : a));
		// The mbox reader's buffers are slices of larger chunks, which must not be cloned whole or
		// detached: the worker gets a copy of exactly these bytes.
		const raw = new Uint8Array(jobs.reduce((sum, job) => sum + job.item.raw.length, 0));
		let offset = 0;
		const items = jobs.map(({ item }) => {
			raw.set(item.raw, offset);
			offset += item.raw.length;
			const { raw: bytes, ...rest } = item;
			return { ...rest, bytes: bytes.length };
		});
		target.sent.push(jobs);
		target.waiting += jobs.length;
		target.worker.postMessage({ items, raw } satisfies ParseChunk, [raw.buffer]);
	}

	async close(): Promise<void> {
		clearInterval(this.watch);
		await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
	}
}
