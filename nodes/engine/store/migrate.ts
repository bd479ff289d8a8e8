import type { Db } from './Db';
import { MIGRATIONS, type Migration } from './migrations';
import { ensureVector, type VectorSupport } from './vector';

/** Arbitrary but fixed: the advisory lock every process takes before it looks at the schema. */
const MIGRATION_LOCK_KEY = 7_361_202_611;

export interface MigrationReport {
	applied: string[];
	/** Migrations that wait for an extension the server lacks. */
	waiting: string[];
	vector: VectorSupport;
}

const SCHEMA_MIGRATIONS = `create table if not exists schema_migrations (
	id int primary key,
	name text not null,
	applied_at timestamptz not null default now()
)`;

/**
 * The whole schema of a new, empty database with pgvector (a new embedded store), as one script in
 * one transaction: what `migrate` would apply there, recorded the same way, so that `migrate` then
 * finds nothing to do.
 */
export function freshSchemaScript(migrations: Migration[] = MIGRATIONS): string {
	const sorted = [...migrations].sort((a, b) => a.id - b.id);
	return [
		'begin;',
		`${SCHEMA_MIGRATIONS};`,
		'create extension if not exists vector;',
		...sorted.map(
			(m) => `${m.sql};\ninsert into schema_migrations (id, name) values (${m.id}, '${m.name}');`,
		),
		'commit;',
	].join('\n');
}

/**
 * Applies the pending migrations in one transaction under a transaction-scoped advisory lock: a
 * second process starting at the same moment waits for the lock, then finds everything applied.
 * Forward-only; a failing migration rolls back whole and leaves the schema as it was.
 */
export async function migrate(
	db: Db,
	migrations: Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
	return db.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
		await tx.exec(SCHEMA_MIGRATIONS);
		const { rows } = await tx.query<{ id: number }>('select id from schema_migrations');
		const done = new Set(rows.map((row) => row.id));
		const vector = await ensureVector(tx);

		const report: MigrationReport = { applied: [], waiting: [], vector };
		for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
			if (done.has(migration.id)) continue;
			const label = `${migration.id}_${migration.name}`;
			if (migration.requires === 'vector' && !vector.usable) {
				report.waiting.push(label);
				continue;
			}
			await tx.exec(migration.sql);
			await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [
				migration.id,
				migration.name,
			]);
			report.applied.push(label);
		}
		return report;
	});
}
