import type { DatabaseConfig } from '../config/StoreConfig';
import type { Db } from './Db';
import { EmbeddedDb } from './EmbeddedDb';
import { PostgresDb } from './PostgresDb';

/** `schema: false` leaves a new embedded store without its schema (the credential test). */
export function openDb(config: DatabaseConfig, options: { schema?: boolean } = {}): Promise<Db> {
	return config.kind === 'postgres'
		? PostgresDb.connect(config)
		: EmbeddedDb.open(config.folder, options);
}
