import { EngineError } from '../errors';
import type { Queryable } from './Db';

export interface VectorSupport {
	/** The extension is installed in this database and usable. */
	usable: boolean;
	version?: string;
	/** Why not, in words for the user. */
	reason?: string;
}

/**
 * Installs pgvector if the server offers it (inside a savepoint, so a refusal — no privilege, no
 * package — leaves the surrounding transaction usable) and reports what is there.
 */
export async function ensureVector(tx: Queryable): Promise<VectorSupport> {
	const found = await inspectVector(tx);
	if (found.usable || !found.available) return found;
	await tx.query('savepoint sales_engine_vector');
	try {
		await tx.query('create extension if not exists vector');
		await tx.query('release savepoint sales_engine_vector');
	} catch (error) {
		await tx.query('rollback to savepoint sales_engine_vector');
		return {
			usable: false,
			reason:
				`pgvector is available but could not be enabled: ${(error as Error).message} ` +
				'(a superuser can run CREATE EXTENSION vector once)',
		};
	}
	return { usable: true, version: (await installedVersion(tx)) ?? undefined };
}

/** What the database has, changing nothing: installed, installable (`available`), or absent. */
export async function inspectVector(q: Queryable): Promise<VectorSupport & { available: boolean }> {
	const installed = await installedVersion(q);
	if (installed) return { usable: true, available: true, version: installed };
	const { rows } = await q.query<{ available: boolean }>(
		"select exists (select 1 from pg_available_extensions where name = 'vector') as available",
	);
	if (rows[0]?.available) {
		return { usable: false, available: true, reason: 'pgvector is available but not yet enabled' };
	}
	return {
		usable: false,
		available: false,
		reason:
			'the PostgreSQL server has no pgvector extension (install the postgresql-NN-pgvector ' +
			'package, or use the pgvector/pgvector image)',
	};
}

async function installedVersion(tx: Queryable): Promise<string | null> {
	const { rows } = await tx.query<{ extversion: string }>(
		"select extversion from pg_extension where extname = 'vector'",
	);
	return rows[0]?.extversion ?? null;
}

/** The error every semantic-search entry point raises when pgvector is missing. */
export function vectorUnavailable(target: string, support: VectorSupport): EngineError {
	return new EngineError(
		'VECTOR_UNAVAILABLE',
		`Semantic search is not available on ${target}: ${support.reason ?? 'pgvector is missing'}`,
		'Everything else in the sales engine works without pgvector. Enable it and run again; ' +
			'the embeddings tables are created on the next start.',
	);
}
