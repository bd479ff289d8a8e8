import { EngineError } from '../errors';
import type { Db } from '../store/Db';
import { type EmailRow, type InsertOutcome, insertEmails } from './insertEmails';
import type { IngestTarget } from './types';

/**
 * Failures of the store itself (connection lost, server shutting down, out of resources): no
 * message is to blame, so the run stops. SQLSTATE classes 08, 53, 57, 58 and XX; socket errors.
 */
function isStoreFailure(error: unknown): boolean {
	if (error instanceof EngineError) return true;
	const code = String((error as { code?: unknown })?.code ?? '');
	return /^(08|53|57|58|XX)/.test(code) || /^E[A-Z]+$/.test(code);
}

/** Why the database refused one message, in words a person running the workflow can act on. */
export function refusal(error: unknown): string {
	const err = error as { code?: string; message?: string };
	const detail = err.message ?? String(error);
	switch (err.code) {
		case '54000':
			return `a header field is too large for the database's index (${detail})`;
		case '22021':
		case '22P05':
			return `it holds characters the database cannot store (${detail})`;
		case '22008':
			return `its date is outside what the database can store (${detail})`;
	}
	if (error instanceof RangeError) return `it is too large to store (${detail})`;
	return `the database refused it (${detail})`;
}

export interface RowFailure {
	row: EmailRow;
	message: string;
}

/**
 * Inserts a batch in one transaction; if the database refuses it, each row again in its own
 * transaction, so only the message to blame is lost (reported through `failed`) and the batch's
 * other messages are stored. Store failures are thrown: the run stops, nothing is half-written.
 */
export async function insertIsolated(
	db: Db,
	target: IngestTarget,
	rows: EmailRow[],
	failed: (failure: RowFailure) => void,
): Promise<InsertOutcome> {
	const insert = (batch: EmailRow[]) => db.transaction((tx) => insertEmails(tx, target, batch));
	try {
		return await insert(rows);
	} catch (error) {
		if (isStoreFailure(error)) throw error;
	}
	const total: InsertOutcome = { inserted: 0, duplicates: 0, reusedIds: 0, storedKeys: [] };
	for (const row of rows) {
		try {
			const one = await insert([row]);
			total.inserted += one.inserted;
			total.duplicates += one.duplicates;
			total.reusedIds += one.reusedIds;
			total.storedKeys.push(...one.storedKeys);
		} catch (error) {
			if (isStoreFailure(error)) throw error;
			failed({ row, message: refusal(error) });
		}
	}
	return total;
}
