import { join, resolve } from 'node:path';

import { EngineError } from '../errors';
import type { Db, QueryResult, Queryable, SqlParam } from './Db';
import { acquireFolderLock } from './folderLock';
import { EMBEDDED_START_PARAMS, initEmbeddedFolder } from './initEmbeddedFolder';
import { PgliteProcess } from './PgliteProcess';

interface Entry {
	db: Promise<EmbeddedDb>;
	refs: number;
}

/** One PGlite instance per folder per process, shared by every node execution in it. */
const open = new Map<string, Entry>();

/**
 * Embedded PostgreSQL (PGlite, Postgres 18 compiled to WASM) with pgvector, persisted in a folder
 * and run in a process of its own (PgliteProcess). Runs the same SQL as the server store; PGlite
 * serialises statements, and `transaction` holds the connection for its whole callback.
 */
export class EmbeddedDb implements Db {
	readonly kind = 'embedded';
	private readonly root: Queryable;

	private constructor(
		private readonly pg: PgliteProcess,
		readonly target: string,
		private readonly releaseLock: () => void,
	) {
		this.root = pg.root;
	}

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
			const dataDir = join(folder, 'pgdata');
			await initEmbeddedFolder(dataDir, options);
			const pg = await PgliteProcess.start(dataDir, EMBEDDED_START_PARAMS);
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

	query<Row = Record<string, unknown>>(
		sql: string,
		params?: SqlParam[],
	): Promise<QueryResult<Row>> {
		return this.root.query<Row>(sql, params);
	}

	exec(script: string): Promise<void> {
		return this.root.exec(script);
	}

	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
		return this.pg.transaction(fn);
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
