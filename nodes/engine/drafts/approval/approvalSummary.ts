import { getCampaignStatus } from '../../status/getCampaignStatus';
import type { Engine } from '../../Engine';
import { DEFAULT_WINDOW, nextWindowStart } from '../../send/sendingWindow';
import type { NotDone } from './applyDecision';

const STATUS_WORDS: Record<string, string> = {
	pending_approval: 'waits for approval',
	needs_edit: 'needs an edit',
	rejected: 'was rejected',
	cancelled: 'was cancelled',
	approved: 'is approved',
	sent: 'was sent',
};

/** An approved touch that cannot go out as things stand, and why. */
export interface BlockedTouch {
	prospectEmail: string;
	step: number;
	reason: string;
}

export interface ApprovalSummary {
	campaignId: string;
	name: string;
	drafts: Record<string, number>;
	/** Approved touches that can be sent: every earlier touch approved or sent, the prospect active. */
	sendable: number;
	/** When the first of them is due (ISO), and when a real provider may send it by the default window. */
	firstDueAt: string | null;
	firstWindowAt: string | null;
	blocked: BlockedTouch[];
	/** What the last decision on the page named but did not change, with the reason. */
	notDone: NotDone[];
	/** What stops all sending of the campaign (kill switch, missing setting…), empty when nothing. */
	sendingBlockedBy: string[];
}

interface TouchRow {
	prospect_id: string;
	email: string;
	prospect_status: string;
	timezone: string | null;
	step: number;
	status: string;
	due_at: Date | string | null;
	intact: boolean;
}

/**
 * What a decision leads to, told truthfully: only touches that can be sent count as queued, with
 * the first one's due time; an approved touch behind one that is not approved (or a prospect who
 * may no longer be mailed) is listed as blocked with the reason; and what the last decision named
 * but did not change is listed with why.
 */
export async function approvalSummary(
	engine: Engine,
	campaignId: unknown,
): Promise<ApprovalSummary> {
	const status = await getCampaignStatus(engine, campaignId);
	const id = status.campaign.id;
	const { rows } = await engine.db.query<TouchRow>(
		`select d.prospect_id, p.email, p.status as prospect_status, p.timezone, d.step, d.status,
			d.due_at, coalesce(d.content_hash = d.approved_hash, false) as intact
		from drafts d join prospects p on p.id = d.prospect_id
		where d.campaign_id = $1 order by p.email_normalized, d.step`,
		[id],
	);
	const byProspect = new Map<string, TouchRow[]>();
	for (const r of rows)
		byProspect.set(r.prospect_id, [...(byProspect.get(r.prospect_id) ?? []), r]);
	const blocked: BlockedTouch[] = [];
	let first: TouchRow | null = null;
	let sendable = 0;
	for (const touches of byProspect.values()) {
		let gap: TouchRow | null = null;
		for (const t of touches) {
			if (t.status === 'approved') {
				const why =
					t.prospect_status !== 'active'
						? `the prospect is ${t.prospect_status}: no more mail goes to this address`
						: !t.intact
							? 'it changed after approval: approve it again'
							: gap
								? `touch ${gap.step} ${STATUS_WORDS[gap.status] ?? gap.status}: touch ${t.step} waits until touch ${gap.step} is approved and sent${gap.status === 'rejected' || gap.status === 'cancelled' ? ', so as things stand it is never sent' : ''}`
								: null;
				if (why) blocked.push({ prospectEmail: t.email, step: t.step, reason: why });
				else {
					sendable++;
					const due = t.due_at ? new Date(t.due_at).getTime() : Infinity;
					if (!first || due < new Date(first.due_at ?? 0).getTime()) first = t;
				}
			}
			if (!gap && t.status !== 'approved' && t.status !== 'sent') gap = t;
		}
	}
	const firstDue = first?.due_at ? new Date(first.due_at) : null;
	const windowStart = firstDue
		? (nextWindowStart(DEFAULT_WINDOW, first!.timezone, firstDue) ?? firstDue)
		: null;
	const { rows: decided } = await engine.db.query<{ data: { notDone?: NotDone[] } }>(
		`select data from campaign_events where campaign_id = $1 and type = 'approval_decided'
		order by id desc limit 1`,
		[id],
	);
	return {
		campaignId: id,
		name: status.campaign.name,
		drafts: status.drafts,
		sendable,
		firstDueAt: firstDue?.toISOString() ?? null,
		firstWindowAt: windowStart?.toISOString() ?? null,
		blocked,
		notDone: decided[0]?.data.notDone ?? [],
		sendingBlockedBy: status.sendReadiness.ready ? [] : status.sendReadiness.missing,
	};
}
