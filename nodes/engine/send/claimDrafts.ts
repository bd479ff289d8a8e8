import { randomInt } from 'node:crypto';

import type { Db } from '../store/Db';
import { approvedUnchanged, HOLDING_STATUSES } from '../store/sendPredicates';
import { messageIdFor } from './buildMessage';
import type { Routed } from './sendRoutes';
import type { Mailbox } from './types';

export interface Claimed {
	attemptId: number;
	/** The worker run that holds the claim: every later change of the attempt is fenced by it. */
	workerId: string;
	draftId: string;
	prospectId: string;
	step: number;
	to: string;
	timezone: string | null;
	subject: string;
	bodyText: string;
	bodyHtml: string;
	contentHash: string;
	mailbox: string;
	messageId: string;
	/** Message-IDs of the earlier touches that were sent, oldest first. */
	thread: string[];
	/** The provider's id of touch 1 (Gmail keeps its thread id there). */
	firstProviderMessageId: string | null;
}

export interface Claim {
	claimed: Claimed[];
	/**
	 * Drafts the query found due. More than were claimed: another worker took some between this
	 * query's snapshot and its insert (READ COMMITTED), so the caller claims again rather than
	 * taking an empty claim for "nothing due".
	 */
	selected: number;
}

/**
 * Due drafts of campaign `$1` that may be claimed, in due order, `$2` at most, locked: approved and
 * unchanged, the prospect active, the campaign active, the step not held by another attempt, the
 * previous step sent, and for a follow-up its first touch's mailbox among this run's open ones
 * (`$3`); a first touch needs an open mailbox (`$4`).
 */
const DUE_DRAFTS_SQL = `select d.id, d.prospect_id, d.step, d.subject, d.body_text, d.body_html, d.content_hash,
		p.email, p.timezone,
		(select a.mailbox from send_attempts a where a.campaign_id = d.campaign_id
			and a.prospect_id = d.prospect_id and a.step = 1 and a.status = 'sent') as first_mailbox,
		(select a.provider_message_id from send_attempts a where a.campaign_id = d.campaign_id
			and a.prospect_id = d.prospect_id and a.step = 1 and a.status = 'sent'
			and d.step > 1) as first_provider_id,
		(select coalesce(array_agg(a.message_id order by a.step), '{}') from send_attempts a
			where a.campaign_id = d.campaign_id and a.prospect_id = d.prospect_id
			and a.step < d.step and a.status = 'sent') as thread
	from drafts d
	join lateral (select p.status, p.email, p.timezone from prospects p
		where p.id = d.prospect_id offset 0) p on true
	-- Every condition on other tables is a scalar subquery, i.e. one index probe per draft
	-- taken in due order, so the limit stops the scan early whatever the table statistics
	-- say (stale ones planned the joined form as a 1,000 × 1,000 nested loop: 110 ms a claim).
	where d.campaign_id = $1 and ${approvedUnchanged('d')} and d.due_at <= now()
		and p.status = 'active'
		and (select c.status from campaigns c where c.id = $1) = 'active'
		and (select true from send_attempts a where a.campaign_id = d.campaign_id
			and a.prospect_id = d.prospect_id and a.step = d.step
			and a.status in ${HOLDING_STATUSES} limit 1) is null
		and (d.step = 1 or (select true from send_attempts a where a.campaign_id = d.campaign_id
			and a.prospect_id = d.prospect_id and a.step = d.step - 1 and a.status = 'sent' limit 1))
		and (case when d.step = 1 then $4
			else (select true from send_attempts a where a.campaign_id = d.campaign_id
				and a.prospect_id = d.prospect_id and a.step = 1 and a.status = 'sent'
				and lower(a.mailbox) = any($3::text[]) limit 1) end)
	order by d.due_at
	limit $2
	for update of d skip locked`;

/** The planned attempts (`$4`, JSON) inserted as `sending` under the worker's (`$2`) lease (`$3` s). */
const INSERT_ATTEMPTS_SQL = `insert into send_attempts (campaign_id, draft_id, prospect_id, step, mailbox,
		provider, message_id, recipient, status, worker_id, lease_until)
	select $1, r.draft_id, r.prospect_id, r.step, r.mailbox, r.provider, r.message_id, r.recipient,
		'sending', $2, now() + make_interval(secs => $3)
	from jsonb_to_recordset($4::jsonb) as r(draft_id uuid, prospect_id uuid, step int, mailbox text,
		provider text, message_id text, recipient text)
	-- This statement's own snapshot (READ COMMITTED) sees claims that committed after the
	-- select's: those drafts are left alone instead of waiting on another worker's row. One probe
	-- per planned attempt, as in the select: as NOT EXISTS the planner hashed every attempt of the
	-- campaign for each claim (its statistics say a new campaign has none), 7,000 rows at 12,000.
	where (select true from send_attempts a where a.campaign_id = $1
		and a.prospect_id = r.prospect_id and a.step = r.step
		and a.status in ${HOLDING_STATUSES} limit 1) is null
	on conflict (campaign_id, prospect_id, step) where status in ${HOLDING_STATUSES} do nothing
	returning id, draft_id`;

type DueRow = Record<string, unknown>;

interface PlannedAttempt {
	draft_id: string;
	prospect_id: string;
	step: number;
	mailbox: string;
	provider: string;
	message_id: string;
	recipient: string;
}

/**
 * Follow-ups leave from the mailbox of the first touch; first touches take the open mailboxes in
 * turn from a random one, so every claim spreads over all of them (a claim of n drafts gives each
 * mailbox n/k or one more) and no mailbox is always first.
 */
function planAttempts(
	rows: DueRow[],
	campaignId: string,
	open: Mailbox[],
	providerOf: Map<string, string>,
): PlannedAttempt[] {
	let turn = open.length ? randomInt(open.length) : 0;
	return rows.map((r) => {
		const prospectId = r.prospect_id as string;
		const mailbox = (r.first_mailbox as string) ?? open[turn++ % open.length].address;
		return {
			draft_id: r.id as string,
			prospect_id: prospectId,
			step: Number(r.step),
			mailbox,
			provider: providerOf.get(mailbox.toLowerCase()) as string,
			message_id: messageIdFor(campaignId, prospectId, Number(r.step), mailbox),
			recipient: r.email as string,
		};
	});
}

/** A claimed attempt as the run carries it: the draft's row and its planned attempt. */
function claimedOf(id: number, workerId: string, r: DueRow, p: PlannedAttempt): Claimed {
	return {
		attemptId: Number(id),
		workerId,
		draftId: p.draft_id,
		prospectId: p.prospect_id,
		step: p.step,
		to: p.recipient,
		timezone: (r.timezone as string) ?? null,
		subject: r.subject as string,
		bodyText: r.body_text as string,
		bodyHtml: (r.body_html as string) ?? '',
		contentHash: r.content_hash as string,
		mailbox: p.mailbox,
		messageId: p.message_id,
		thread: (r.thread as string[]) ?? [],
		firstProviderMessageId: (r.first_provider_id as string) ?? null,
	};
}

/**
 * Claims up to `limit` due drafts of the campaign for this worker: approved, unchanged since
 * approval, the previous step sent, the prospect still active, and a sending mailbox of this run
 * open for it: first touches rotate across the open mailboxes, a follow-up is claimed only by a run
 * that has its first touch's mailbox (whatever its kind: the sequence stays in one inbox, one
 * thread), and a mailbox behind a kill switch is skipped without a trace. Each attempt records the
 * provider of its mailbox. Drafts are locked with SKIP LOCKED while the attempt is recorded as
 * `sending` with a lease; the partial unique index on attempts is the final arbiter, so only rows
 * actually inserted are returned — a draft is never claimed twice.
 */
export async function claimDrafts(
	db: Db,
	campaignId: string,
	mailboxes: Routed[],
	options: {
		limit: number;
		leaseSeconds: number;
		workerId: string;
		/** Lower-cased addresses of sending mailboxes whose kill switch is engaged. */
		blocked?: string[];
	},
): Promise<Claim> {
	const blocked = new Set(options.blocked ?? []);
	const open = mailboxes.map((r) => r.mailbox).filter((m) => !blocked.has(m.address.toLowerCase()));
	const providerOf = new Map(
		mailboxes.map((r) => [r.mailbox.address.toLowerCase(), r.provider.name]),
	);
	return await db.transaction(async (tx) => {
		// The planner misjudges how many due drafts pass the filters (content_hash = approved_hash
		// alone counts as 0.5 %), so it read every due draft through a bitmap and sorted them: 16-70
		// ms a claim on 3,000 due drafts, most of the send path's database time. Walking the due index
		// in order stops at the limit, and an index scan also learns which entries point at drafts
		// already sent (a bitmap scan never does), so the next claim skips them. The limit over a
		// filter the planner cannot size puts the plan's cost past jit_above_cost from ~5,000 due
		// drafts on: PostgreSQL then compiled every claim, 85-95 ms for 2 ms of work (docs/benchmarks-history.md).
		await tx.query(
			"select set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true), set_config('jit', 'off', true)",
		);
		const { rows } = await tx.query<DueRow>(DUE_DRAFTS_SQL, [
			campaignId,
			options.limit,
			open.map((m) => m.address.toLowerCase()),
			open.length > 0,
		]);
		if (!rows.length) return { claimed: [], selected: 0 };
		const planned = planAttempts(rows, campaignId, open, providerOf);
		const { rows: inserted } = await tx.query<{ id: number; draft_id: string }>(
			INSERT_ATTEMPTS_SQL,
			[campaignId, options.workerId, options.leaseSeconds, JSON.stringify(planned)],
		);
		const byDraft = new Map(rows.map((r) => [r.id as string, r]));
		const plan = new Map(planned.map((p) => [p.draft_id, p]));
		const claimed = inserted.map(({ id, draft_id }) =>
			claimedOf(id, options.workerId, byDraft.get(draft_id)!, plan.get(draft_id)!),
		);
		return { claimed, selected: rows.length };
	});
}
