/**
 * The one database interface of the engine. Postgres (`pg`) and embedded PGlite implement it and run
 * the same SQL, so every query in the engine is written once and tested against both.
 */
export type SqlParam = string | number | boolean | null | Date | Buffer | object;

export interface QueryResult<Row> {
	rows: Row[];
	rowCount: number;
}

export interface QueryOptions {
	/**
	 * Names a statement run once per message, so PostgreSQL parses it once per connection and
	 * plans it once (a generic plan, on connections kept for named statements) instead of on every
	 * call: planning the hand-over took three times as long as running it. Its text never changes,
	 * and is written so that one plan fits every call (it probes primary keys, whatever the
	 * parameters). The embedded store ignores it.
	 */
	name?: string;
}

export interface Queryable {
	query<Row = Record<string, unknown>>(
		sql: string,
		params?: SqlParam[],
		options?: QueryOptions,
	): Promise<QueryResult<Row>>;
	/** Runs a script of several statements without parameters (migrations). */
	exec(script: string): Promise<void>;
}

export type DbKind = 'postgres' | 'embedded';

export interface Db extends Queryable {
	readonly kind: DbKind;
	/** Human-readable target (URL without password, or folder), for messages and logs. */
	readonly target: string;
	/** Runs `fn` in one transaction on one connection; rolls back if it throws. */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}
