import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import type { PostgresDatabaseConfig } from '../../nodes/engine';

/** The machine's PostgreSQL on 127.0.0.1:5432; CI and developers point elsewhere with this variable. */
export const ADMIN_URL =
	process.env.SALES_ENGINE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlFor(database: string): string {
	const url = new URL(ADMIN_URL);
	url.pathname = `/${database}`;
	return url.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
	const client = new Client({ connectionString: ADMIN_URL });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

/** A fresh, empty database for one test file; drop it with the returned function. */
export async function createTestDatabase(): Promise<{
	name: string;
	url: string;
	config: PostgresDatabaseConfig;
	drop: () => Promise<void>;
}> {
	const name = `sales_engine_test_${randomBytes(6).toString('hex')}`;
	await admin((client) => client.query(`create database ${name}`));
	const url = urlFor(name);
	return {
		name,
		url,
		config: { kind: 'postgres', connectionString: url, ssl: 'disable' },
		drop: () =>
			admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(
				() => undefined,
			),
	};
}
