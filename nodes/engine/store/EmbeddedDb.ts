import { join, resolve } from 'node:path';

import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

import { EngineError } from '../errors';
import type { Db, QueryResult, Queryable, SqlParam } from './Db';
import { acquireFolderLock } from './folderLock';
import { EMBEDDED_START_PARAMS, initEmbeddedFolder } from './initEmbeddedFolder';
import { parseInt8 } from './parseInt8';

const INT8_OID = 20;

function wrap(pg: PGlite | Transaction): Queryable {
	return {
		async query<Row>(sql: string, params?: SqlParam[]): Promise<QueryResult<Row>> {
			const result = await pg.query<Row>(sql, params);
			return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
		},
		async exec(script: string): Promise<void> {
			await pg.exec(script);
		},
	};
}

interface Entry {
	db: Promise<EmbeddedDb>;
	refs: number;
}

/** One PGlite instance per folder per process, shared by every node execution in it. */
const open = new Map<string, Entry>();

/**
 * Embedded PostgreSQL (PGlite, Postgres 18 compiled to WASM) with pgvector, persisted in a folder.
 * Runs the same SQL as the server store; PGlite serialises statements, and `transaction` holds the
 * connection for its whole callback.
 */
export class EmbeddedDb implements Db {
	readonly kind = 'embedded';
	private readonly root: Queryable;

	private constructor(
		private readonly pg: PGlite,
		readonly target: string,
		private readonly releaseLock: () => void,
	) {
		this.root = wrap(pg);
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
			const pg = await PGlite.create({
				dataDir,
				extensions: { vector },
				// 16 MB of shared buffers instead of 128: the embedded store lives inside the n8n process,
				// and this alone takes its resident memory from ~500 to ~330 MB (docs/benchmarks.md).
				startParams: [...PGlite.defaultStartParams, ...EMBEDDED_START_PARAMS],
				parsers: { [INT8_OID]: parseInt8 },
			});
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
		return this.pg.transaction((tx) => fn(wrap(tx)));
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
