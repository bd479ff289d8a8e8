import { join, relative } from 'node:path';

import type { StoreConfig } from '../nodes/engine';

/** The store a benchmark scenario measures: a PGlite folder or a PostgreSQL database, local objects. */
export function benchStoreConfig(args: {
	store?: 'embedded' | 'postgres';
	pgUrl?: string;
	dir: string;
}): StoreConfig {
	return {
		database:
			args.store === 'postgres'
				? { kind: 'postgres', connectionString: args.pgUrl!, ssl: 'disable' }
				: { kind: 'embedded', folder: join(args.dir, 'db') },
		objects: { kind: 'local', folder: objectsFolder(args.dir) },
	};
}

/**
 * A scenario's object folder: in its own folder, or under BENCH_OBJECTS_ROOT (set by a bench for its
 * children) when the objects are to live on another filesystem than the temp folder.
 */
function objectsFolder(dir: string): string {
	const root = process.env.BENCH_OBJECTS_ROOT;
	if (!root) return join(dir, 'objects');
	return join(root, relative('/', dir).replace(/[/\\]/g, '_'));
}
