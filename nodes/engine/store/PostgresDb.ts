import { DatabaseError, Pool, type PoolClient, type PoolConfig, types } from 'pg';

import type { PostgresDatabaseConfig } from '../config/StoreConfig';
import { EngineError } from '../errors';
import type { Db, QueryOptions, QueryResult, Queryable, SqlParam } from './Db';
import { describeDbError } from './describeDbError';
import { redactUrl } from './redactUrl';
import { parseInt8 } from './parseInt8';

/** Same JS values as the embedded store: int8 as number (counts, ids), the rest as pg gives them. */
const typeParsers = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === types.builtins.INT8
			? parseInt8
			: types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

function poolConfig(config: PostgresDatabaseConfig): { pool: PoolConfig; target: string } {
	const ssl =
		config.ssl === 'disable' ? false : { rejectUnauthorized: config.ssl === 'verify-full' };
	const common: PoolConfig = {
		ssl,
		max: config.maxConnections ?? 10,
		connectionTimeoutMillis: 10_000,
		idleTimeoutMillis: 30_000,
		types: typeParsers,
		application_name: 'n8n-nodes-sales-engine',
	};
	if (config.connectionString) {
		let url: URL;
		try {
			url = new URL(config.connectionString);
		} catch {
			throw new EngineError(
				'STORE_CONFIG',
				'The PostgreSQL URL in the store credential is not a valid URL',
				'Use the form postgres://user:password@host:5432/database.',
			);
		}
		if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
			throw new EngineError(
				'STORE_CONFIG',
				`The PostgreSQL URL must start with postgres:// or postgresql://, not ${url.protocol}//`,
			);
		}
		// The credential's SSL mode decides; a sslmode in the URL would silently override it in pg.
		url.searchParams.delete('sslmode');
		return {
			pool: { ...common, connectionString: url.toString() },
			target: redactUrl(url.toString()),
		};
	}
	const target = `postgres://${config.user ?? 'postgres'}@${config.host}:${config.port ?? 5432}/${config.database ?? 'postgres'}`;
	return {
		pool: {
			...common,
			host: config.host,
			port: config.port,
			database: config.database,
			user: config.user,
			password: config.password,
		},
		target,
	};
}

/** Connections the group-commit writers share: one per kind of record per run, several runs. */
const NAMED_CONNECTIONS = 4;

/**
 * The connections that run named statements: each plans them once, generically. Elsewhere
 * PostgreSQL plans a parameterized statement afresh on each call whenever a plan for the values
 * looks cheaper; for the hand-over, whose parameters are id arrays, it always did (0.5 ms a call,
 * a third of the database's time per message). Only statements written for one plan come here,
 * so the setting stays off every other query. A server that refuses it plans as before.
 */
function namedStatementPool(options: PoolConfig): Pool {
	const pool = new Pool({ ...options, max: Math.min(NAMED_CONNECTIONS, options.max ?? 10) });
	pool.on('error', () => undefined);
	return pool;
}

/**
 * A connection out of the pool, heard while it is out: pg reports a lost socket to the query under
 * way *and* as an 'error' event, which unheard would end n8n's whole process. The pool drops a
 * connection that lost its socket when it comes back; `release(error)` drops one in any case.
 */
async function checkOut(
	pool: Pool,
): Promise<{ client: PoolClient; release: (broken?: Error) => void }> {
	const client = await pool.connect();
	const lost = () => undefined;
	client.on('error', lost);
	return {
		client,
		release: (broken) => {
			client.removeListener('error', lost);
			client.release(broken);
		},
	};
}

/**
 * How the named statements' sessions plan: once, generically; and never compiled, since a generic
 * plan over arrays of unknown length can cost past jit_above_cost, and compiling takes ~90 ms where
 * the statement runs in under 1 (the claim saw it from ~5,000 due drafts on).
 */
export const SESSION_SETTINGS = ["set plan_cache_mode = 'force_generic_plan'", 'set jit = off'];

/** Runs each query on a connection of `pool` that was told how to plan (SESSION_SETTINGS). */
function genericPlans(pool: Pool): Pick<Pool, 'query'> {
	const told = new WeakSet<PoolClient>();
	return {
		query: (async (config: { name?: string; text: string; values?: unknown[] }) => {
			const { client, release } = await checkOut(pool);
			let broken: Error | undefined;
			try {
				if (!told.has(client)) {
					for (const setting of SESSION_SETTINGS)
						await client.query(setting).catch(() => undefined);
					told.add(client);
				}
				return await client.query(config);
			} catch (error) {
				// The server's refusal of a statement leaves the connection usable; a FATAL one (the
				// session ended) or anything else (a dropped socket) may not: it is not handed out again.
				const refused = error instanceof DatabaseError && !/FATAL|PANIC/.test(error.severity ?? '');
				if (!refused) broken = error as Error;
				throw error;
			} finally {
				release(broken);
			}
		}) as Pool['query'],
	};
}

function wrap(client: Pick<Pool, 'query'>, target: string): Queryable {
	return {
		async query<Row>(
			sql: string,
			params?: SqlParam[],
			options?: QueryOptions,
		): Promise<QueryResult<Row>> {
			try {
				const result = options?.name
					? await client.query({ name: options.name, text: sql, values: params })
					: await client.query(sql, params);
				return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
			} catch (error) {
				throw describeDbError(error, target) ?? error;
			}
		},
		async exec(script: string): Promise<void> {
			try {
				await client.query(script);
			} catch (error) {
				throw describeDbError(error, target) ?? error;
			}
		},
	};
}

export class PostgresDb implements Db {
	readonly kind = 'postgres';
	private readonly root: Queryable;

	private readonly named: Queryable;

	private constructor(
		private readonly pool: Pool,
		readonly target: string,
		private readonly namedPool: Pool,
	) {
		this.root = wrap(pool, target);
		this.named = wrap(genericPlans(namedPool), target);
	}

	/** Opens a pool and proves it with one round trip, so a bad credential fails here, clearly. */
	static async connect(config: PostgresDatabaseConfig): Promise<PostgresDb> {
		const { pool: options, target } = poolConfig(config);
		const pool = new Pool(options);
		// An idle client losing its server must not crash n8n; the next query reports it.
		pool.on('error', () => undefined);
		try {
			await pool.query('select 1');
		} catch (error) {
			await pool.end().catch(() => undefined);
			throw describeDbError(error, target) ?? error;
		}
		return new PostgresDb(pool, target, namedStatementPool(options));
	}

	query<Row = Record<string, unknown>>(
		sql: string,
		params?: SqlParam[],
		options?: QueryOptions,
	): Promise<QueryResult<Row>> {
		return (options?.name ? this.named : this.root).query<Row>(sql, params, options);
	}

	exec(script: string): Promise<void> {
		return this.root.exec(script);
	}

	async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
		let out: Awaited<ReturnType<typeof checkOut>>;
		try {
			out = await checkOut(this.pool);
		} catch (error) {
			throw describeDbError(error, this.target) ?? error;
		}
		const { client, release } = out;
		try {
			await client.query('begin');
			const result = await fn(wrap(client, this.target));
			await client.query('commit');
			return result;
		} catch (error) {
			await client.query('rollback').catch(() => undefined);
			throw error;
		} finally {
			release();
		}
	}

	async close(): Promise<void> {
		await Promise.all([this.pool.end(), this.namedPool.end()]);
	}
}
