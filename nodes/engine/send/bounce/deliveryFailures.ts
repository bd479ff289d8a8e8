import type { Queryable } from '../../store/Db';
import { addSuppression } from '../suppressions';
import type { BounceReason } from './bounceReason';

/**
 * A temporary failure suppresses its address only once it has repeated: this many failures, on
 * at least this many different days, within the window. A full mailbox over a weekend recovers;
 * one full for a week is abandoned.
 */
export const TEMPORARY_LIMIT = { failures: 3, days: 3, windowDays: 30 } as const;

export interface DeliveryFailure {
	address: string;
	mailbox?: string;
	campaignId?: string;
	consequence: 'defer' | 'sender';
	reason: BounceReason;
	status?: string;
	diagnostic?: string;
	source: 'report' | 'smtp';
}

/** Records one failure that suppresses nobody now. */
export async function recordDeliveryFailure(q: Queryable, f: DeliveryFailure): Promise<void> {
	await q.query(
		`insert into delivery_failures (address, mailbox, campaign_id, consequence, reason, status,
			diagnostic, source) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
		[
			f.address.toLowerCase(),
			f.mailbox?.toLowerCase() ?? null,
			f.campaignId ?? null,
			f.consequence,
			f.reason,
			f.status ?? null,
			f.diagnostic?.slice(0, 1000) ?? null,
			f.source,
		],
	);
}

/**
 * A temporary failure for an address: recorded, and the address suppressed when its failures have
 * repeated past `TEMPORARY_LIMIT`. Returns what happened, with the count, for the intake's effect.
 */
export async function recordTemporaryFailure(
	q: Queryable,
	f: Omit<DeliveryFailure, 'consequence'>,
): Promise<{ failures: number; days: number; suppressed: boolean }> {
	await recordDeliveryFailure(q, { ...f, consequence: 'defer' });
	const { rows } = await q.query<{ failures: number; days: number; reasons: string }>(
		`select count(*)::int as failures, count(distinct created_at::date)::int as days,
			string_agg(distinct reason, ', ') as reasons
		from delivery_failures where address = $1 and consequence = 'defer'
			and created_at > now() - make_interval(days => $2)`,
		[f.address.toLowerCase(), TEMPORARY_LIMIT.windowDays],
	);
	const { failures, days, reasons } = rows[0];
	const repeated = failures >= TEMPORARY_LIMIT.failures && days >= TEMPORARY_LIMIT.days;
	if (repeated) {
		await addSuppression(q, {
			kind: 'hard_bounce',
			value: f.address,
			reason: `${failures} temporary failures on ${days} days (${reasons})`,
			source: 'repeated temporary failures',
		});
	}
	return { failures: Number(failures), days: Number(days), suppressed: repeated };
}
