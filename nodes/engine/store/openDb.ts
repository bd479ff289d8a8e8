import type { DatabaseConfig } from '../config/StoreConfig';
import type { Db } from './Db';
import { EmbeddedDb } from './EmbeddedDb';
import { PostgresDb } from './PostgresDb';

export function openDb(config: DatabaseConfig): Promise<Db> {
	return config.kind === 'postgres' ? PostgresDb.connect(config) : EmbeddedDb.open(config.folder);
}
