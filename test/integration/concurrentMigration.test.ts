import { join } from 'node:path';

import { Client } from 'pg';

import { MIGRATIONS } from '../../nodes/engine/store/migrations';
import { createTestDatabase } from '../helpers/postgres';
import { runChild } from '../helpers/runChild';
import { tempDir } from '../helpers/tempDir';

const CHILD = join(__dirname, 'children', 'migrateOnce.ts');

type ChildResult = { ok: true; applied: string[] } | { ok: false; code?: string; message: string };

describe('migrations under concurrent start', () => {
	it('four processes migrating one fresh PostgreSQL database at once leave one applied set', async () => {
		const database = await createTestDatabase();
		try {
			const startAt = Date.now() + 1500;
			const results = await Promise.all(
				[1, 2, 3, 4].map(() =>
					runChild<ChildResult>(CHILD, [JSON.stringify(database.config), String(startAt)]),
				),
			);
			expect(results.every((r) => r.ok)).toBe(true);
			const applied = results.flatMap((r) => (r.ok ? r.applied : []));
			const client = new Client({ connectionString: database.url });
			await client.connect();
			const vector =
				(await client.query("select 1 from pg_available_extensions where name = 'vector'"))
					.rowCount === 1;
			const { rows } = await client.query('select id, name from schema_migrations order by id');
			await client.end();
			// Without pgvector on the server the vector migration waits and the others still apply.
			const expected = MIGRATIONS.filter((m) => vector || m.requires !== 'vector');
			// Each migration was applied by exactly one process; the others found it done.
			expect(applied.sort()).toEqual(expected.map((m) => `${m.id}_${m.name}`).sort());
			expect(rows).toEqual(expected.map((m) => ({ id: m.id, name: m.name })));
		} finally {
			await database.drop();
		}
	});

	it('a second process on the same embedded folder is refused with a clear message', async () => {
		const dir = tempDir();
		try {
			const config = JSON.stringify({ kind: 'embedded', folder: join(dir.path, 'db') });
			const holder = runChild<ChildResult>(CHILD, [config, '0', 'hold']);
			// Give the first process time to take the folder.
			await new Promise((resolve) => setTimeout(resolve, 2500));
			const second = await runChild<ChildResult>(CHILD, [config, '0']);
			expect(second).toMatchObject({
				ok: false,
				code: 'STORE_LOCKED',
				message: expect.stringMatching(
					/embedded store in .* is in use by another process \(pid \d+\)/,
				),
			});
			// A new embedded store gets its whole schema where its cluster is made (a child process,
			// initEmbeddedFolder): the first process's migrate() finds it applied.
			expect(await holder).toMatchObject({ ok: true, applied: [] });
			// Once the first has closed, the folder opens again and finds everything applied.
			expect(await runChild<ChildResult>(CHILD, [config, '0'])).toEqual({ ok: true, applied: [] });
		} finally {
			dir.remove();
		}
	});
});
