import { emailDomain, normalizeEmail } from '../mail/emailAddress';
import type { Queryable } from '../store/Db';
import { approvedUnchanged, switchRank, switchStops } from '../store/sendPredicates';
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
const owned = (id = '$1', worker = '$2', a = '') =>
	`${a}id = ${id} and ${a}worker_id = ${worker} and ${a}status = 'sending'`;

/**
 * What the worker that handed an attempt over may still record: its own attempt, still `sending`,
 * or turned `unknown` by a reaper while the provider call was under way (the worker now knows the
 * answer). Nobody else ever claims an `unknown` attempt, so recording it sends nothing twice.
 */
const resolvable = (id = '$1', worker = '$2', a = '') =>
	// A CASE, so no partial index on status matches it: a plan made once for every call (the
	// sent record's) probes the attempts' ids, whatever the statistics say about `sending` rows.
	`${a}id = ${id} and ${a}worker_id = ${worker} and case ${a}status when 'sending' then true
		when 'unknown' then ${a}handed_at is not null and ${a}resolved_by is null else false end`;

/** A message the provider took, with the provider's id for it. */
export interface Sent {
	c: Claimed;
	providerMessageId: string;
}

/**
 * The provider took them: each attempt sent, its draft sent, the next touch due after its gap from
 * now. One statement for the whole batch, so one round trip and one commit: the send path's cost is
 * mostly those. Per message, false when the attempt was no longer this worker's to record (a person
 * resolved it meanwhile).
 */
export async function markSent(q: Queryable, campaignId: string, sent: Sent[]): Promise<boolean[]> {
	if (!sent.length) return [];
	const { rows } = await q.query<{ id: number }>(
		`with input as (
			select * from jsonb_to_recordset($2::jsonb) as r(attempt_id bigint, worker_id text,
				provider_message_id text, draft_id uuid, prospect_id uuid, step int)
			where r.attempt_id = any($3::bigint[])
		), attempt as (
			update send_attempts a set status = 'sent', provider_message_id = i.provider_message_id,
				sent_at = now(), updated_at = now(),
				reason = case when a.status = 'unknown' then 'sent; recorded by its worker after its lease had run out' else a.reason end
			from input i
			where a.id = any($3::bigint[]) and ${resolvable('i.attempt_id', 'i.worker_id', 'a.')}
			returning a.id, i.draft_id, i.prospect_id, i.step
		), draft as (
			update drafts d set status = 'sent', updated_at = now()
			from attempt where d.id = any($4::uuid[]) and d.id = attempt.draft_id
			returning d.send_offset_days, attempt.prospect_id, attempt.step
		), next as (
			-- The next touch found by its key: with its status in the same condition, the planner
			-- walked the campaign's approved drafts instead (cost growing with the campaign).
			update drafts n set due_at = greatest(n.due_at,
				now() + (n.send_offset_days - draft.send_offset_days) * interval '1 day')
			from draft where n.status = 'approved' and n.id = (select x.id from drafts x
				where x.campaign_id = $1 and x.prospect_id = draft.prospect_id and x.step = draft.step + 1)
		)
		select id from attempt`,
		[
			campaignId,
			JSON.stringify(
				sent.map(({ c, providerMessageId }) => ({
					attempt_id: c.attemptId,
					worker_id: c.workerId,
					provider_message_id: providerMessageId,
					draft_id: c.draftId,
					prospect_id: c.prospectId,
					step: c.step,
				})),
			),
			sent.map(({ c }) => c.attemptId),
			sent.map(({ c }) => c.draftId),
		],
		{ name: 'sales-engine:mark-sent' },
	);
	const recorded = new Set(rows.map((r) => Number(r.id)));
	return sent.map(({ c }) => recorded.has(c.attemptId));
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
			where ${resolvable()} returning id
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
		where ${status === 'suppressed' ? owned() : resolvable()}`,
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

/**
 * The drafts' state at the last moment, for the claims in the `input` rows (`ord`, `draft_id`,
 * `content_hash`, `email`, `domain`): still approved with the claimed content, the prospect's
 * status, and why the address is suppressed, if it is.
 */
const DRAFT_STATE = `select i.ord,
		${approvedUnchanged('d')} and d.content_hash = i.content_hash as ok,
		p.status as prospect, ${SUPPRESSION_OF('i.email', 'i.domain')} as suppressed
	from input i join drafts d on d.id = i.draft_id join prospects p on p.id = d.prospect_id
	where d.id = any($3::uuid[])`;

/**
 * The `input` rows of a statement over claims: one JSON parameter (`$1`), whatever the batch's
 * size, with the attempts' (`$2`) and drafts' (`$3`) ids as arrays beside it, so the planner probes
 * their primary keys instead of guessing the JSON's row count (a guess of 100 rows scanned every
 * attempt in `sending`: 0.4 ms a statement).
 */
const INPUT = `input as (select * from jsonb_to_recordset($1::jsonb) as r(ord int, attempt_id bigint,
	worker_id text, draft_id uuid, content_hash text, email text, domain text, mailbox text) where r.attempt_id = any($2::bigint[]))`;

const inputOf = (claims: Array<{ c: Claimed; mailbox?: string }>) => [
	JSON.stringify(
		claims.map(({ c, mailbox }, ord) => ({
			ord,
			attempt_id: c.attemptId,
			worker_id: c.workerId,
			draft_id: c.draftId,
			content_hash: c.contentHash,
			email: normalizeEmail(c.to),
			domain: emailDomain(c.to),
			mailbox: (mailbox ?? c.mailbox).toLowerCase(),
		})),
	),
	claims.map(({ c }) => c.attemptId),
	claims.map(({ c }) => c.draftId),
];

/** The last-moment checks on their own (before a limit is spent on the message): null when clear. */
export async function checkDraft(q: Queryable, c: Claimed): Promise<NotToSend | null> {
	const { rows } = await q.query<DraftState>(`with ${INPUT} ${DRAFT_STATE}`, inputOf([{ c }]));
	return notToSend(rows[0]);
}

/**
 * Marks the attempts as handed over, in one statement with every last-moment check: the kill
 * switches (global, the campaign, the sending mailbox) and the campaign still active, this run's unexpired lease, and the draft's
 * state (`checkDraft`). An attempt whose check fails is not marked, and its answer says why: `lost`
 * (the lease ran out or another worker reaped it — the message must not leave), `blockedBy` a
 * switch, or why the draft may not leave.
 */
export async function handOver(
	q: Queryable,
	campaignId: string,
	claims: Array<{ c: Claimed; mailbox: string }>,
): Promise<HandOver[]> {
	if (!claims.length) return [];
	const { rows } = await q.query<
		DraftState & { ord: number; handed: boolean; switch: string | null }
	>(
		`with ${INPUT}, switch as (
			select i.ord, coalesce((select scope from kill_switches k
				where ${switchStops('k', '$4', 'i.mailbox')} order by ${switchRank('k')} limit 1),
				-- A paused campaign stops drafts already claimed, like its switch.
				(select 'campaign' from campaigns c where c.id::text = $4 and c.status <> 'active')) as scope
			from input i
		), draft as (${DRAFT_STATE}), handed as (
			update send_attempts a set handed_at = now(), updated_at = now()
			from input i join switch s on s.ord = i.ord left join draft on draft.ord = i.ord
			where a.id = any($2::bigint[]) and ${owned('i.attempt_id', 'i.worker_id', 'a.')}
				and a.handed_at is null and a.lease_until > now() and s.scope is null
				and coalesce(draft.ok and draft.prospect = 'active' and draft.suppressed is null, false)
			returning i.ord
		)
		select s.ord, exists (select 1 from handed h where h.ord = s.ord) as handed, s.scope as switch,
			draft.ok, draft.prospect, draft.suppressed
		from switch s left join draft on draft.ord = s.ord`,
		[...inputOf(claims), campaignId],
		{ name: 'sales-engine:hand-over' },
	);
	const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
	return claims.map((_, ord): HandOver => {
		const r = byOrd.get(ord);
		if (r?.handed) return 'handed';
		if (r?.switch) return { blockedBy: r.switch };
		return notToSend(r) ?? 'lost';
	});
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
