import { join } from 'node:path';

import { checkStore, type EngineError, openEngine, type StoreConfig } from '../../nodes/engine';
import { ADMIN_URL, createTestDatabase, urlFor } from '../helpers/postgres';
import { startS3rver } from '../helpers/s3rver';
import { tempDir } from '../helpers/tempDir';

const dir = tempDir();
const local = { kind: 'local' as const, folder: join(dir.path, 'objects') };
const pg = (connectionString: string): StoreConfig => ({
	database: { kind: 'postgres', connectionString, ssl: 'disable' },
	objects: local,
});

afterAll(() => dir.remove());

async function openError(config: StoreConfig): Promise<EngineError> {
	return openEngine(config).then(
		() => {
			throw new Error('expected the store to refuse');
		},
		(error: EngineError) => error,
	);
}

describe('clear errors for a wrong store credential', () => {
	it('a port nobody listens on', async () => {
		const url = new URL(ADMIN_URL);
		url.port = '1';
		url.password = 'secret-pw';
		const error = await openError(pg(url.toString()));
		expect(error.code).toBe('STORE_UNREACHABLE');
		expect(error.message).toMatch(
			/^Cannot reach the PostgreSQL server at postgres:\/\/.*:1\/postgres: connection refused$/,
		);
		expect(error.message).not.toContain('secret-pw');
		expect(error.description).toMatch(/host and port/);
	});

	it('a database that does not exist', async () => {
		const error = await openError(pg(urlFor('no_such_database_here')));
		expect(error.code).toBe('STORE_CONFIG');
		expect(error.message).toMatch(/The database does not exist .*no_such_database_here/);
	});

	it('a user the server does not know', async () => {
		const url = new URL(ADMIN_URL);
		url.username = 'nobody_at_all';
		const error = await openError(pg(url.toString()));
		expect(error.code).toBe('STORE_AUTH');
		expect(error.message).toMatch(/refused the login: .*nobody_at_all/);
	});

	it('something that is not a URL, and the wrong scheme', async () => {
		expect(await openError(pg('localhost:5432/db'))).toMatchObject({
			code: 'STORE_CONFIG',
			message: expect.stringMatching(/must start with postgres:\/\//),
		});
		expect(await openError(pg('not a url'))).toMatchObject({
			code: 'STORE_CONFIG',
			message: 'The PostgreSQL URL in the store credential is not a valid URL',
		});
	});

	it('a bucket that does not exist fails before the database is touched', async () => {
		const s3 = await startS3rver(['present']);
		try {
			const error = await openError({
				database: { kind: 'postgres', connectionString: ADMIN_URL, ssl: 'disable' },
				objects: s3.config('absent'),
			});
			expect(error).toMatchObject({
				code: 'BUCKET_MISSING',
				message: expect.stringMatching(/bucket "absent" does not exist/),
			});
		} finally {
			await s3.stop();
		}
	});
});

describe('the credential test (checkStore)', () => {
	it('reports the server, pgvector and the bucket without migrating', async () => {
		const s3 = await startS3rver(['present']);
		try {
			const result = await checkStore({
				database: { kind: 'postgres', connectionString: ADMIN_URL, ssl: 'disable' },
				objects: s3.config('present'),
			});
			expect(result.ok).toBe(true);
			expect(result.message).toMatch(/^Connected to PostgreSQL \d+\.\d+ \(postgres, /);
			expect(result.message).toMatch(/pgvector (missing|available|[\d.]+ ready)/);
			expect(result.message).toMatch(/bucket "present" at .* is writable/);

			const bad = await checkStore({
				database: {
					kind: 'postgres',
					connectionString: urlFor('no_such_database_here'),
					ssl: 'disable',
				},
				objects: s3.config('absent'),
			});
			expect(bad.ok).toBe(false);
			expect(bad.message).toMatch(/database does not exist.*bucket "absent" does not exist/);
		} finally {
			await s3.stop();
		}
	});

	it('on a fresh embedded folder it finds pgvector available and enables nothing', async () => {
		const result = await checkStore({
			database: { kind: 'embedded', folder: join(dir.path, 'db') },
			objects: local,
		});
		expect(result).toMatchObject({ ok: true });
		expect(result.message).toMatch(
			/Connected to PostgreSQL 18\.\d+ \(embedded, .*pgvector available \(enabled on first run\).*is writable/,
		);
	});
});

describe('a connection the server kills', () => {
	it('inside a transaction: that transaction fails clearly, the process lives, the next one runs', async () => {
		const database = await createTestDatabase();
		const engine = await openEngine(pg(database.url));
		try {
			const failed = await engine.db
				.transaction(async (tx) => {
					const { rows } = await tx.query<{ pid: string }>('select pg_backend_pid()::text as pid');
					await engine.db.query('select pg_terminate_backend($1::int)', [rows[0].pid]);
					await new Promise((resolve) => setTimeout(resolve, 50));
					await tx.query('select 1');
				})
				.then(
					() => null,
					(error: Error) => error,
				);
			expect(failed?.message).toMatch(/terminat|connection/i);
			const ok = await engine.db.transaction((tx) => tx.query<{ one: number }>('select 1 as one'));
			expect(ok.rows[0].one).toBe(1);
		} finally {
			await engine.close();
			await database.drop();
		}
	});

	it('of the named statements: the next call runs on a fresh one, still planned once', async () => {
		const database = await createTestDatabase();
		const engine = await openEngine(pg(database.url));
		try {
			const named = (name: string, sql: string) =>
				engine.db.query<Record<string, string>>(sql, [], { name: `sales-engine:test-${name}` });
			const [{ pid }] = (await named('pid', 'select pg_backend_pid()::text as pid')).rows;
			await engine.db.query('select pg_terminate_backend($1::int)', [pid]);
			// The call that meets the dead socket may fail, clearly; none after it does.
			await named('mode', 'show plan_cache_mode').catch((error: Error) =>
				expect(error.message).toMatch(/terminat|Connection/i),
			);
			const { rows } = await named('mode', 'show plan_cache_mode');
			expect(rows[0].plan_cache_mode).toBe('force_generic_plan');
			const [{ pid: again }] = (await named('pid', 'select pg_backend_pid()::text as pid')).rows;
			expect(again).not.toBe(pid);
		} finally {
			await engine.close();
			await database.drop();
		}
	});
});
