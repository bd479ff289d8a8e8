import type { Queryable } from '../../store/Db';
import type { Verification } from './verifyProspects';

/** Keeps each prospect's latest verification on its row, in one statement. */
export async function storeVerification(
	q: Queryable,
	verified: Map<string, Verification>,
): Promise<void> {
	if (!verified.size) return;
	await q.query(
		`update prospects p set verification = r.verification, updated_at = now()
		from jsonb_to_recordset($1::jsonb) as r(id uuid, verification jsonb) where p.id = r.id`,
		[JSON.stringify([...verified].map(([id, verification]) => ({ id, verification })))],
	);
}
