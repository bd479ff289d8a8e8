import type { StoreConfig } from './config/StoreConfig';
import { isEngineError } from './errors';
import { openObjectStore } from './objectStore/openObjectStore';
import { openDb } from './store/openDb';
import { inspectVector } from './store/vector';

export interface StoreCheck {
	ok: boolean;
	message: string;
}

/**
 * The store credential's test: connects, migrates nothing, and says whether the database, pgvector
 * and the bucket are usable. Any failure is reported as a sentence, never thrown.
 */
export async function checkStore(config: StoreConfig): Promise<StoreCheck> {
	const parts: string[] = [];
	let ok = true;
	try {
		const db = await openDb(config.database, { schema: false });
		try {
			const { rows } = await db.query<{ version: string }>('select version() as version');
			const version = /^PostgreSQL [\d.]+/.exec(rows[0]?.version ?? '')?.[0] ?? 'PostgreSQL';
			parts.push(`Connected to ${version} (${db.kind}, ${db.target})`);
			const vector = await inspectVector(db);
			parts.push(
				vector.usable
					? `pgvector ${vector.version} ready`
					: vector.available
						? 'pgvector available (enabled on first run)'
						: 'pgvector missing: semantic search disabled, everything else works',
			);
		} finally {
			await db.close();
		}
	} catch (error) {
		ok = false;
		parts.push(isEngineError(error) ? error.message : `Database: ${(error as Error).message}`);
	}
	try {
		const objects = await openObjectStore(config.objects);
		const health = await objects.check().finally(() => objects.close());
		ok &&= health.ok;
		parts.push(health.ok ? `Object store: ${health.message}` : health.message);
	} catch (error) {
		ok = false;
		parts.push((error as Error).message);
	}
	return { ok, message: parts.join('. ') };
}
