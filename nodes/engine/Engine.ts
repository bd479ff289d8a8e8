import { createHash } from 'node:crypto';

import type { StoreConfig } from './config/StoreConfig';
import type { ObjectStore } from './objectStore/ObjectStore';
import { openObjectStore } from './objectStore/openObjectStore';
import type { Db } from './store/Db';
import { migrate, type MigrationReport } from './store/migrate';
import { openDb } from './store/openDb';
import { vectorUnavailable } from './store/vector';

/** What every engine module works with: the rows, the raw objects, and what the schema supports. */
export interface Engine {
	db: Db;
	objects: ObjectStore;
	schema: MigrationReport;
	/** Throws the clear "pgvector missing" error; call it before any semantic search. */
	requireVector(): void;
	close(): Promise<void>;
}

const engines = new Map<string, Promise<Engine>>();

function cacheKey(config: StoreConfig): string {
	return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

async function create(config: StoreConfig, key: string): Promise<Engine> {
	// The bucket is checked first: a wrong bucket should fail before anything touches the database.
	const objects = await openObjectStore(config.objects);
	try {
		await objects.ensureReady();
	} catch (error) {
		objects.close();
		throw error;
	}
	const db = await openDb(config.database).catch((error) => {
		objects.close();
		throw error;
	});
	let schema: MigrationReport;
	try {
		schema = await migrate(db);
	} catch (error) {
		objects.close();
		await db.close().catch(() => undefined);
		throw error;
	}
	return {
		db,
		objects,
		schema,
		requireVector() {
			if (!schema.vector.usable) throw vectorUnavailable(db.target, schema.vector);
		},
		async close() {
			engines.delete(key);
			objects.close();
			await db.close();
		},
	};
}

/**
 * Opens (once per process and configuration) the store and migrates it. n8n runs many executions in
 * one process: they share the pool or the PGlite instance instead of opening one each.
 */
export function openEngine(config: StoreConfig): Promise<Engine> {
	const key = cacheKey(config);
	let engine = engines.get(key);
	if (!engine) {
		engine = create(config, key);
		engines.set(key, engine);
		// A failed open is not cached: the next execution tries again (the server may be back).
		engine.catch(() => engines.delete(key));
	}
	return engine;
}

export async function closeAllEngines(): Promise<void> {
	const all = [...engines.values()];
	engines.clear();
	await Promise.all(all.map(async (pending) => (await pending.catch(() => null))?.close()));
}
