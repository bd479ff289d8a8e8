import { emailDomain, normalizeEmail } from '../mail/emailAddress';
import type { Queryable } from '../store/Db';
import type { Claimed } from './claimDrafts';
import { SUPPRESSION_OF } from './suppressions';

/**
 * Every change of an attempt after its claim is fenced: it names the attempt *and* the worker run
 * that claimed it (`worker_id`, unique per run), and holds only while the attempt is in the state
 * that worker left it in. A worker paused past its lease finds its attempt reaped (deferred or
 * unknown) and its statements change nothing, so it can never hand over a draft another worker now
 * owns. The conditions sit in each UPDATE's own WHERE, which PostgreSQL re-checks on the newest
 * row version after waiting for a concurrent writer's lock.
 */
const OWNED = `id = $1 and worker_id = $2 and status = 'sending'`;

/**
 * What the worker that handed an attempt over may still record: its own attempt, still `sending`,
 * or turned `unknown` by a reaper while the provider call was under way (the worker now knows the
 * answer). Nobody else ever claims an `unknown` attempt, so recording it sends nothing twice.
 */
const RESOLVABLE = `id = $1 and worker_id = $2
	and (status = 'sending' or (status = 'unknown' and handed_at is not null and resolved_by is null))`;

/**
 * The provider took it: attempt sent, draft sent, the next touch due after its gap from now. One
 * statement, so one commit: the send path's cost is mostly commits. False when the attempt was no
 * longer this worker's to record (a person resolved it meanwhile).
 */
export async function markSent(
	q: Queryable,
	campaignId: string,
	c: Claimed,
	providerMessageId: string,
): Promise<boolean> {
	const { rows } = await q.query<{ id: number }>(
		`with attempt as (
			update send_attempts set status = 'sent', provider_message_id = $3, sent_at = now(), updated_at = now(),
				reason = case when status = 'unknown' then 'sent; recorded by its worker after its lease had run out' else reason end
			where ${RESOLVABLE}
			returning id
		), draft as (
			update drafts set status = 'sent', updated_at = now()
			where id = $4 and exists (select 1 from attempt) returning send_offset_days
		), next as (
			update drafts n set due_at = greatest(n.due_at,
				now() + (n.send_offset_days - (select send_offset_days from draft)) * interval '1 day')
			where n.campaign_id = $5 and n.prospect_id = $6 and n.step = $7 + 1 and n.status = 'approved'
				and exists (select 1 from draft)
		)
		select id from attempt`,
		[c.attemptId, c.workerId, providerMessageId, c.draftId, campaignId, c.prospectId, c.step],
	);
	return rows.length === 1;
}

/**
 * Not sent this time: the attempt is `deferred` (which frees the (prospect, step) for a later claim)
 * and the draft waits until `retryAt`. A refusal the provider stated (throttling, a 4xx) is known
 * even if a reaper marked the attempt unknown meanwhile.
 */
export async function markDeferred(
	q: Queryable,
	c: Claimed,
	reason: string,
	retryAt: Date | null,
): Promise<boolean> {
	const { rows } = await q.query<{ id: number }>(
		`with attempt as (
			update send_attempts set status = 'deferred', reason = $3, updated_at = now()
			where ${RESOLVABLE} returning id
		), draft as (
			update drafts set due_at = greatest(due_at, $5::timestamptz)
			where id = $4 and status = 'approved' and $5::timestamptz is not null
				and exists (select 1 from attempt)
		)
		select id from attempt`,
		[c.attemptId, c.workerId, reason, c.draftId, retryAt],
	);
	return rows.length === 1;
}

/**
 * A final answer from the provider, a suppression, or an answer that never came (`unknown`, for a
 * human to review): this (prospect, step) is over.
 */
export async function markEnded(
	q: Queryable,
	c: Claimed,
	status: 'failed' | 'suppressed' | 'unknown',
	reason: string,
): Promise<boolean> {
	const { rowCount } = await q.query(
		`update send_attempts set status = $3, error = $4, reason = $4, updated_at = now()
		where ${status === 'suppressed' ? OWNED : RESOLVABLE}`,
		[c.attemptId, c.workerId, status, reason],
	);
	return rowCount === 1;
}

/**
 * Gives a claimed attempt back without a trace, when it was never handed over (a kill switch, the
 * end of the run): deleting it frees the draft for the next claim and writes no churn rows.
 */
export async function release(q: Queryable, claimed: Claimed[]): Promise<void> {
	if (!claimed.length) return;
	await q.query(
		`delete from send_attempts where id = any($1::bigint[]) and worker_id = $2
			and status = 'sending' and handed_at is null`,
		[claimed.map((c) => c.attemptId), claimed[0].workerId],
	);
}

/** Why a claimed draft may not leave after all, found by the last-moment checks. */
export type NotToSend = 'changed' | { suppressed: string } | { prospect: string };

export type HandOver = 'handed' | 'lost' | { blockedBy: string } | NotToSend;

/**
 * The draft's state at the last moment, with its parameters from `$n` on (the claimed content
 * hash, the address, its domain, the draft): still approved with the claimed content, the
 * prospect's status, and why the address is suppressed, if it is.
 */
const draftState = (n: number) =>
	`select d.status = 'approved' and d.content_hash = d.approved_hash and d.content_hash = $${n} as ok,
		p.status as prospect, ${SUPPRESSION_OF(`$${n + 1}`, `$${n + 2}`)} as suppressed
	from drafts d join prospects p on p.id = d.prospect_id where d.id = $${n + 3}`;

const draftParams = (c: Claimed) => [
	c.contentHash,
	normalizeEmail(c.to),
	emailDomain(c.to),
	c.draftId,
];

interface DraftState {
	ok: boolean | null;
	prospect: string | null;
	suppressed: string | null;
}

function notToSend(r: DraftState | undefined): NotToSend | null {
	if (r?.suppressed) return { suppressed: r.suppressed };
	if (r?.prospect !== 'active') return { prospect: r?.prospect ?? 'gone' };
	return r?.ok ? null : 'changed';
}

/** The last-moment checks on their own (before a limit is spent on the message): null when clear. */
export async function checkDraft(q: Queryable, c: Claimed): Promise<NotToSend | null> {
	const { rows } = await q.query<DraftState>(draftState(1), draftParams(c));
	return notToSend(rows[0]);
}

/**
 * Marks the attempt as handed over, in one statement with every last-moment check: the kill
 * switches (global, the campaign, the mailbox), this run's unexpired lease, and the draft's state
 * (`checkDraft`). Nothing is marked when one fails, and the answer says which: `lost` (the lease ran
 * out or another worker reaped it — the message must not leave), `blockedBy` a switch, or why the
 * draft may not leave.
 */
export async function handOver(
	q: Queryable,
	c: Claimed,
	campaignId: string,
	mailbox: string,
): Promise<HandOver> {
	const { rows } = await q.query<DraftState & { handed: boolean; switch: string | null }>(
		`with switch as (
			select scope from kill_switches k where k.engaged and (k.scope = 'global'
				or (k.scope = 'campaign' and k.target = $3) or (k.scope = 'mailbox' and k.target = $4))
			order by case scope when 'global' then 0 when 'campaign' then 1 else 2 end limit 1
		), draft as (${draftState(5)}), handed as (
			update send_attempts set handed_at = now(), updated_at = now()
			where ${OWNED} and handed_at is null and lease_until > now()
				and not exists (select 1 from switch)
				and coalesce((select ok and prospect = 'active' and suppressed is null from draft), false)
			returning id
		)
		select exists (select 1 from handed) as handed, (select scope from switch) as switch,
			(select ok from draft) as ok, (select prospect from draft) as prospect,
			(select suppressed from draft) as suppressed`,
		[c.attemptId, c.workerId, campaignId, mailbox.toLowerCase(), ...draftParams(c)],
	);
	const r = rows[0];
	if (r?.handed) return 'handed';
	if (r?.switch) return { blockedBy: r.switch };
	return notToSend(r) ?? 'lost';
}

/**
 * Extends the leases this worker still holds (the heartbeat), and says which it holds: an attempt
 * missing from the answer was reaped and must not be handed over.
 */
export async function renewLeases(
	q: Queryable,
	workerId: string,
	attemptIds: number[],
	leaseSeconds: number,
): Promise<Set<number>> {
	if (!attemptIds.length) return new Set();
	const { rows } = await q.query<{ id: number }>(
		// Rows locked in id order (as the reaper does), so two multi-row updates never deadlock.
		`with mine as (
			select id from send_attempts where id = any($1::bigint[]) order by id for update
		)
		update send_attempts a set lease_until = now() + make_interval(secs => $3)
		from mine where a.id = mine.id and a.worker_id = $2 and a.status = 'sending' and a.lease_until > now()
		returning a.id`,
		[attemptIds, workerId, leaseSeconds],
	);
	return new Set(rows.map((r) => Number(r.id)));
}

/**
 * Attempts of workers that stopped (past their lease): those already handed over become `unknown`
 * for a human to review and are never re-sent; those never handed over are `deferred`, so their
 * draft is claimed again.
 */
export async function reapExpired(
	q: Queryable,
	campaignId: string,
): Promise<{ unknown: number; released: number }> {
	const { rows } = await q.query<{ status: string; n: number }>(
		`with reaped as (
			update send_attempts set updated_at = now(),
				status = case when handed_at is null then 'deferred' else 'unknown' end,
				reason = case when handed_at is null
					then 'the worker stopped before handing it over; released for a new claim'
					else 'the worker stopped after handing it to the provider and before recording the result; not re-sent' end
			where id in (select id from send_attempts where campaign_id = $1 and status = 'sending'
				and lease_until < now() order by id for update skip locked)
				and status = 'sending' and lease_until < now()
			returning status
		) select status, count(*)::int as n from reaped group by status`,
		[campaignId],
	);
	const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
	return { unknown: n('unknown'), released: n('deferred') };
}
