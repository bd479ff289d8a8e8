import { join } from 'node:path';

import { type Engine, openEngine } from '../../nodes/engine';
import { createTestDatabase } from './postgres';
import { tempDir } from './tempDir';

export interface TestStore {
	engine: Engine;
	dispose: () => Promise<void>;
}

/**
 * The two real stores every store-facing test runs against: embedded PGlite (with pgvector) and the
 * machine's PostgreSQL server, each fresh and empty.
 */
export const STORE_KINDS = ['embedded', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export async function openTestStore(kind: StoreKind): Promise<TestStore> {
	const dir = tempDir();
	const objects = { kind: 'local' as const, folder: join(dir.path, 'objects') };
	if (kind === 'embedded') {
		const engine = await openEngine({ database: { kind, folder: join(dir.path, 'db') }, objects });
		return { engine, dispose: async () => (await engine.close(), dir.remove()) };
	}
	const database = await createTestDatabase();
	const engine = await openEngine({ database: database.config, objects });
	return {
		engine,
		dispose: async () => {
			await engine.close();
			await database.drop();
			dir.remove();
		},
	};
}
