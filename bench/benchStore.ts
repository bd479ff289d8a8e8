import { join } from 'node:path';

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
		objects: { kind: 'local', folder: join(args.dir, 'objects') },
	};
}
