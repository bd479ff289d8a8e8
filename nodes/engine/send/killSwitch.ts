import { recordEvent } from '../audit/recordEvent';
import { invalidInput } from '../errors';
import type { Queryable } from '../store/Db';
import { switchRank, switchStops } from '../store/sendPredicates';

export type KillScope = 'global' | 'campaign' | 'mailbox';

export interface KillSwitchState {
	scope: KillScope;
	target: string;
	engaged: boolean;
	reason: string | null;
	changedBy: string | null;
	changedAt: string;
}

function checkTarget(scope: KillScope, target: string | undefined): string {
	if (!['global', 'campaign', 'mailbox'].includes(scope)) {
		throw invalidInput(`Kill switch scope must be global, campaign or mailbox, got "${scope}"`);
	}
	const t = (target ?? '').trim().toLowerCase();
	if (scope !== 'global' && !t)
		throw invalidInput(
			`A ${scope} kill switch needs the ${scope === 'campaign' ? 'campaign ID' : 'sending mailbox address'}`,
		);
	return scope === 'global' ? '' : t;
}

/**
 * Engages or releases a kill switch. Engaging takes effect at the next send of every worker (the
 * switch is read before each one); releasing is a human act and is audited like engaging.
 */
export async function setKillSwitch(
	q: Queryable,
	input: { scope: KillScope; target?: string; engaged: boolean; reason?: string; actor?: string },
): Promise<KillSwitchState> {
	const target = checkTarget(input.scope, input.target);
	const { rows } = await q.query<Record<string, unknown>>(
		`insert into kill_switches (scope, target, engaged, reason, changed_by, changed_at)
		values ($1, $2, $3, $4, $5, now())
		on conflict (scope, target) do update set engaged = excluded.engaged, reason = excluded.reason,
			changed_by = excluded.changed_by, changed_at = now()
		returning scope, target, engaged, reason, changed_by, changed_at`,
		[input.scope, target, input.engaged, input.reason ?? null, input.actor ?? null],
	);
	await recordEvent(q, {
		campaignId: input.scope === 'campaign' ? target : null,
		type: input.engaged ? 'kill_switch_engaged' : 'kill_switch_released',
		actor: input.actor,
		data: { scope: input.scope, target, reason: input.reason ?? null },
	});
	const r = rows[0];
	return {
		scope: r.scope as KillScope,
		target: r.target as string,
		engaged: Boolean(r.engaged),
		reason: (r.reason as string) ?? null,
		changedBy: (r.changed_by as string) ?? null,
		changedAt: new Date(r.changed_at as string).toISOString(),
	};
}

/** What stops a send: an engaged switch, or the campaign itself no longer active (paused, say). */
export interface Blocking {
	scope: KillScope;
	reason: string | null;
	/** The campaign's status when that, not a switch, stops it. */
	campaignStatus?: string;
}

/**
 * The engaged switch that stops a send, if any (global first, then campaign, then mailbox), else
 * the campaign's own status when it is no longer active: a pause, by a person or by the bounce
 * guard, stops drafts other workers already hold, as a switch does.
 */
export async function blockingSwitch(
	q: Queryable,
	campaignId: string,
	mailbox: string,
): Promise<Blocking | null> {
	const { rows } = await q.query<{
		scope: KillScope;
		reason: string | null;
		status: string | null;
	}>(
		`select scope, reason, null as status, ${switchRank('k')} as rank
		from kill_switches k where ${switchStops('k', '$1', '$2')}
		union all
		select 'campaign', null, status, 3 from campaigns where id::text = $1 and status <> 'active'
		order by rank limit 1`,
		[campaignId, mailbox.toLowerCase()],
	);
	const r = rows[0];
	if (!r) return null;
	return r.status
		? { scope: 'campaign', reason: null, campaignStatus: r.status }
		: { scope: r.scope, reason: r.reason };
}

/** The sending mailboxes among `addresses` whose own kill switch is engaged (lower-cased). */
export async function blockedMailboxes(q: Queryable, addresses: string[]): Promise<string[]> {
	if (!addresses.length) return [];
	const { rows } = await q.query<{ target: string }>(
		`select target from kill_switches where engaged and scope = 'mailbox' and target = any($1::text[])`,
		[addresses.map((a) => a.toLowerCase())],
	);
	return rows.map((r) => r.target);
}
