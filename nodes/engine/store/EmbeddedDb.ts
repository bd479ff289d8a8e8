import { join, resolve } from 'node:path';

import { EngineError } from '../errors';
import type { Db, QueryResult, Queryable, SqlParam } from './Db';
import { acquireFolderLock } from './folderLock';
import { EMBEDDED_START_PARAMS, initEmbeddedFolder } from './initEmbeddedFolder';
import { PgliteProcess, neverSent } from './PgliteProcess';

interface Entry {
	db: Promise<EmbeddedDb>;
	refs: number;
}

const dataDirOf = (folder: string) => join(folder, 'pgdata');

/** One PGlite instance per folder per process, shared by every node execution in it. */
const open = new Map<string, Entry>();

/**
 * Embedded PostgreSQL (PGlite, Postgres 18 compiled to WASM) with pgvector, persisted in a folder
 * and run in a process of its own (PgliteProcess). Runs the same SQL as the server store; PGlite
 * serialises statements, and `transaction` holds the connection for its whole callback.
 */
export class EmbeddedDb implements Db {
	readonly kind = 'embedded';
	private restarting: Promise<PgliteProcess> | null = null;

	private constructor(
		private pg: PgliteProcess,
		readonly target: string,
		private readonly releaseLock: () => void,
	) {}

	/** `schema: false`: a new store gets its cluster but no schema (see initEmbeddedFolder). */
	static open(folder: string, options: { schema?: boolean } = {}): Promise<EmbeddedDb> {
		const key = resolve(folder);
		const existing = open.get(key);
		if (existing) {
			existing.refs++;
			return existing.db;
		}
		const entry: Entry = { db: EmbeddedDb.create(key, options), refs: 1 };
		open.set(key, entry);
		entry.db.catch(() => open.delete(key));
		return entry.db;
	}

	private static async create(folder: string, options: { schema?: boolean }): Promise<EmbeddedDb> {
		const releaseLock = acquireFolderLock(folder);
		try {
			await initEmbeddedFolder(dataDirOf(folder), options);
			const pg = await PgliteProcess.start(dataDirOf(folder), EMBEDDED_START_PARAMS);
			return new EmbeddedDb(pg, folder, releaseLock);
		} catch (error) {
			releaseLock();
			throw new EngineError(
				'STORE_CONFIG',
				`Cannot open the embedded store in ${folder}: ${(error as Error).message}`,
				'Check that the folder is writable and was written by this package (PGlite data).',
				{ cause: error },
			);
		}
	}

	/**
	 * The store's process, started again when it has ended (killed, out of memory): the statements
	 * it was running failed with that reason; the next ones run on a new process, on the same folder
	 * (PostgreSQL recovers it from its write-ahead log), so n8n need not restart.
	 */
	private async live(): Promise<PgliteProcess> {
		if (!this.pg.ended) return this.pg;
		this.restarting ??= PgliteProcess.start(dataDirOf(this.target), EMBEDDED_START_PARAMS)
			.then((pg) => (this.pg = pg))
			.catch((error: Error) => {
				throw new EngineError(
					'STORE_CONFIG',
					`The embedded store's process in ${this.target} ended and could not be started again: ${error.message}`,
					'Check the disk space and memory of the machine, then run the step again.',
					{ cause: error },
				);
			})
			.finally(() => (this.restarting = null));
		return await this.restarting;
	}

	/**
	 * `run` on the live process, and once more on a new one when its statement never reached a
	 * process that had died before its exit was seen here (the write to its channel failed).
	 */
	private async onLive<T>(run: (pg: PgliteProcess) => Promise<T>): Promise<T> {
		try {
			return await run(await this.live());
		} catch (error) {
			if (!neverSent(error)) throw error;
			return await run(await this.live());
		}
	}

	async query<Row = Record<string, unknown>>(
		sql: string,
		params?: SqlParam[],
	): Promise<QueryResult<Row>> {
		return await this.onLive((pg) => pg.root.query<Row>(sql, params));
	}

	async exec(script: string): Promise<void> {
		await this.onLive((pg) => pg.root.exec(script));
	}

	async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
		return await this.onLive((pg) => pg.transaction(fn));
	}

	/** The store process's id (tests). */
	get processId(): number | undefined {
		return this.pg.pid;
	}

	/** Drops this holder's reference; the last one closes PGlite and frees the folder. */
	async close(): Promise<void> {
		const entry = open.get(this.target);
		if (entry && --entry.refs > 0) return;
		open.delete(this.target);
		try {
			await this.pg.close();
		} finally {
			this.releaseLock();
		}
	}
}
