import { invalidInput } from '../errors';
import { emailDomain, isEmailAddress, normalizeEmail } from '../mail/emailAddress';
import type { Queryable } from '../store/Db';

export type SuppressionKind = 'unsubscribed' | 'hard_bounce' | 'complaint' | 'domain' | 'manual';

const PROSPECT_STATUS: Partial<Record<SuppressionKind, string>> = {
	unsubscribed: 'unsubscribed',
	hard_bounce: 'bounced',
	complaint: 'complained',
};

/**
 * A suppression a person asks for: an address, or for kind `domain` a domain. Throws a clear
 * error for anything else (the engine's own suppressions come from addresses already checked).
 */
export function checkSuppressionValue(kind: SuppressionKind, value: string): void {
	const v = value.trim().replace(/^@/, '');
	if (kind === 'domain' ? isEmailAddress(`x@${v}`) : isEmailAddress(v)) return;
	throw invalidInput(
		kind === 'domain'
			? `"${value}" is not a domain (e.g. example.com)`
			: `"${value}" is not an email address`,
		kind === 'domain' ? undefined : 'To suppress a whole domain, choose the kind Domain.',
	);
}

/** Adds an address (or, for kind `domain`, a whole domain) to the global list; idempotent. */
export async function addSuppression(
	q: Queryable,
	input: { kind: SuppressionKind; value: string; reason?: string; source?: string },
): Promise<{ created: boolean }> {
	const value =
		input.kind === 'domain'
			? input.value.trim().toLowerCase().replace(/^@/, '')
			: normalizeEmail(input.value);
	const { rowCount } = await q.query(
		`insert into suppressions (scope, kind, value, reason, source) values ('global', $1, $2, $3, $4)
		on conflict (scope, value) do nothing`,
		[input.kind, value, input.reason ?? null, input.source ?? null],
	);
	const status = PROSPECT_STATUS[input.kind];
	if (status) {
		await q.query(
			"update prospects set status = $2, updated_at = now() where email_normalized = $1 and status = 'active'",
			[value, status],
		);
	}
	return { created: rowCount > 0 };
}

/**
 * The SQL of "why this address may not be mailed" (its own entry or its domain's), as a scalar
 * subquery over the parameters `$address` and `$domain`, so the send path can ask it together
 * with its other last-moment checks in one statement.
 */
export const SUPPRESSION_OF = (address: string, domain: string) =>
	`(select kind || ': ' || value from suppressions
		where value = ${address} or (kind = 'domain' and value = ${domain}) limit 1)`;

/** Why an address may not be mailed (its own entry or its domain's), or null. */
export async function suppressionOf(q: Queryable, email: string): Promise<string | null> {
	const { rows } = await q.query<{ why: string | null }>(
		`select ${SUPPRESSION_OF('$1', '$2')} as why`,
		[normalizeEmail(email), emailDomain(email)],
	);
	return rows[0]?.why ?? null;
}
