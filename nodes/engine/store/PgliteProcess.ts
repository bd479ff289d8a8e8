import { type ChildProcess, spawn } from 'node:child_process';

import type { QueryResult, Queryable, SqlParam } from './Db';
import { PGLITE_HOST } from './pgliteHost';

interface Answer {
	id: number;
	result?: { rows: unknown[]; rowCount: number };
	error?: Record<string, unknown> & { message: string; unsent?: boolean };
}

/**
 * True for a statement that never reached the store's process: it had died and its exit was not
 * yet seen (the write to its channel failed), or it had ended before. Such a statement can run
 * again on a new process; one that was sent may have run, and is not repeated.
 */
export const neverSent = (error: unknown): boolean =>
	(error as { unsent?: unknown } | null)?.unsent === true;

/**
 * A value as this realm's own: what comes through the channel is built in Node's main realm, and a
 * sandbox (jest's vm, say) has its own Date and Uint8Array, for which `instanceof` must hold too.
 */
function ownRealm(v: unknown): unknown {
	if (typeof v !== 'object' || v === null || v instanceof Date || v instanceof Uint8Array) return v;
	if (Object.prototype.toString.call(v) === '[object Date]') return new Date((v as Date).getTime());
	if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
	if (Array.isArray(v)) return v.map(ownRealm);
	return v;
}

/** The host's error as an Error with PostgreSQL's fields (code, detail, constraint…). */
function toError(e: Answer['error'] & object): Error {
	return Object.assign(new Error(e.message), e);
}

/** A statement of a transaction whose `begin` ran: never to be retried alone. */
function sentAlready(error: unknown): unknown {
	if (neverSent(error)) (error as { unsent?: boolean }).unsent = false;
	return error;
}

/**
 * PGlite in a process of its own (pgliteHost.ts), spoken to over IPC. In the n8n process its
 * WebAssembly memory and the garbage of its wire protocol made an ingest of 20,000 messages peak at
 * ~750 MB; the n8n process now holds only its side of the channel. Statements are answered in
 * order; the process is referenced only while a statement waits, so it never keeps a finished
 * `n8n execute` alive, and it ends when this process does.
 */
export class PgliteProcess {
	private next = 1;
	private nextTx = 1;
	private readonly waiting = new Map<number, { resolve: (a: Answer) => void; unsent?: true }>();
	private exited: Error | null = null;

	/** True once the process has ended (killed, out of memory…): its statements fail from then on. */
	get ended(): boolean {
		return this.exited !== null;
	}

	/** The process id, for a test that kills it. */
	get pid(): number | undefined {
		return this.child.pid;
	}

	private constructor(private readonly child: ChildProcess) {
		child.on('message', (answer: Answer) => {
			const w = this.waiting.get(answer.id);
			if (!w) return;
			this.waiting.delete(answer.id);
			if (!this.waiting.size) this.idle();
			w.resolve(answer);
		});
		child.on('exit', (code, signal) => {
			this.exited = new Error(
				`the embedded store's process ended (${signal ?? `exit code ${code}`})`,
			);
			for (const w of this.waiting.values())
				w.resolve({ id: 0, error: { message: this.exited.message, unsent: w.unsent } });
			this.waiting.clear();
		});
		// A failed send is answered through its callback and the exit that follows; a failed kill
		// leaves a process that the next failed send kills again. Neither may end n8n's process
		// as an unhandled 'error' event.
		child.on('error', () => undefined);
	}

	static async start(dataDir: string, startParams: string[]): Promise<PgliteProcess> {
		// The package is for self-hosted n8n (README: deviations): the store's own process runs a
		// fixed script of this package with the same Node binary; no user input reaches the command.
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
		const child = spawn(
			process.execPath,
			[
				// Node/V8 flags for this process alone: `--liftoff-only` keeps PGlite's WebAssembly on
				// V8's baseline compiler, whose optimising compiles spike the process to ~700 MB during
				// an ingest (~190 MB without), at 15-35 % of speed (docs/benchmarks.md).
				...(process.env.SALES_ENGINE_STORE_NODE_FLAGS ?? '').split(' ').filter(Boolean),
				'-e',
				PGLITE_HOST,
				require.resolve('@electric-sql/pglite'),
				require.resolve('@electric-sql/pglite-pgvector'),
				dataDir,
				JSON.stringify(startParams),
			],
			{
				// The parent's Node options (a test runner's loaders, say) are not the child's.
				env: { ...process.env, NODE_OPTIONS: '' },
				stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
				serialization: 'advanced',
			},
		);
		await new Promise<void>((resolve, reject) => {
			child.once('message', (m: { ready: boolean; error?: Answer['error'] }) =>
				m.ready ? resolve() : reject(toError(m.error ?? { message: 'PGlite did not start' })),
			);
			child.once('exit', (code) =>
				reject(new Error(`the embedded store's process exited (${code}) before it was ready`)),
			);
			// A process that could not be started (ENOENT, EAGAIN) has no exit, only this event.
			child.once('error', reject);
		});
		const host = new PgliteProcess(child);
		host.idle();
		return host;
	}

	private idle(): void {
		this.child.unref();
		(this.child.channel as { unref?: () => void } | undefined)?.unref?.();
	}

	private async call(message: Record<string, unknown>): Promise<Answer['result'] | null> {
		if (this.exited) throw toError({ message: this.exited.message, unsent: true });
		const id = this.next++;
		if (!this.waiting.size) {
			this.child.ref();
			(this.child.channel as { ref?: () => void } | undefined)?.ref?.();
		}
		const answer = await new Promise<Answer>((resolve, reject) => {
			this.waiting.set(id, { resolve });
			try {
				this.child.send({ id, ...message }, (error) => {
					if (!error) return;
					// The channel broke (EPIPE: the process died, its exit not yet seen here): the
					// statement never reached it. Without its channel the process is of no use; its
					// exit answers the statement, so a retry never meets it on the same folder.
					const w = this.waiting.get(id);
					if (w) w.unsent = true;
					this.child.kill('SIGKILL');
				});
			} catch (error) {
				// A parameter that cannot be cloned (a function, say): nothing was sent.
				this.waiting.delete(id);
				if (!this.waiting.size) this.idle();
				reject(error as Error);
			}
		});
		if (answer.error) throw toError(answer.error);
		return answer.result ?? null;
	}

	private queryable(tx?: number): Queryable {
		return {
			query: async <Row>(sql: string, params?: SqlParam[]): Promise<QueryResult<Row>> => {
				const r = await this.call({ op: 'query', tx, sql, params });
				const rows = (r?.rows ?? []) as Array<Record<string, unknown>>;
				for (const row of rows) for (const k in row) row[k] = ownRealm(row[k]);
				return { rows: rows as Row[], rowCount: r?.rowCount ?? 0 };
			},
			exec: async (script: string): Promise<void> => {
				await this.call({ op: 'exec', tx, sql: script });
			},
		};
	}

	readonly root = this.queryable();

	/**
	 * `fn` on one transaction: committed when it returns, rolled back when it throws. Only a
	 * `begin` that never reached the process fails as never sent: after it, the transaction's
	 * earlier statements did run, and the whole of it is lost with the process.
	 */
	async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
		const tx = this.nextTx++;
		await this.call({ op: 'begin', tx });
		let result: T;
		try {
			result = await fn(this.queryable(tx));
		} catch (error) {
			await this.call({ op: 'rollback', tx }).catch(() => undefined);
			throw sentAlready(error);
		}
		await this.call({ op: 'commit', tx }).catch((error: unknown) => {
			throw sentAlready(error);
		});
		return result;
	}

	async close(): Promise<void> {
		if (this.exited) return;
		const ended = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		this.child.ref();
		// A close that cannot be written finds the process dead: its exit ends the wait.
		this.child.send({ id: 0, op: 'close' }, () => undefined);
		await ended;
	}
}
