import { recordEvent } from '../../audit/recordEvent';
import { loadCampaign } from '../../campaign/getCampaign';
import type { Engine } from '../../Engine';
import { analyzeAfterBulk } from '../../store/analyzeAfterBulk';
import { DRAFT_COLUMNS, toDraft } from '../draftRow';
import { approveLocked } from './approveDrafts';
import { readDraftRefs } from './decisionRefs';
import type { PageDraft } from './pageListing';
import { rejectLocked } from './rejectDrafts';

export type DecisionMode = 'allPassing' | 'listed' | 'rejectAll';

/** What the approval page sent back: the choice, the two boxes, who and why. */
export interface PageDecision {
	/** The dropdown's answer, as the page words it (or the mode itself). */
	decision: string;
	approve?: unknown;
	reject?: unknown;
	reason?: unknown;
	/** The drafts the page showed, numbered (the approval page operation's `drafts`). */
	listing: PageDraft[];
}

/** A draft (or a typed reference) the decision named but did not change, and why. */
export interface NotDone {
	ref: string;
	number?: number;
	prospectEmail?: string;
	step?: number;
	reason: string;
}

export interface DecisionResult {
	campaignId: string;
	mode: DecisionMode | null;
	approved: PageDraft[];
	rejected: PageDraft[];
	notDone: NotDone[];
}

/** The page's dropdown answer as a mode; null for anything else (then nothing changes). */
export function decisionMode(text: string): DecisionMode | null {
	const t = String(text ?? '').toLowerCase();
	const modes: Record<string, DecisionMode> = {
		allpassing: 'allPassing',
		listed: 'listed',
		rejectall: 'rejectAll',
	};
	const exact = modes[t.replace(/[^a-z]/g, '')];
	if (exact) return exact;
	if (/\breject all\b/.test(t)) return 'rejectAll';
	if (/\bonly\b/.test(t)) return 'listed';
	if (/\ball passing\b/.test(t)) return 'allPassing';
	return null;
}

const about = (d: PageDraft, reason: string): NotDone => ({
	ref: `#${d.number}`,
	number: d.number,
	prospectEmail: d.prospectEmail,
	step: d.step,
	reason,
});

/**
 * Carries out what a reviewer decided on the approval page, all of it or nothing, in one
 * transaction: every typed number and ID is read against the page's listing first, and one that
 * names no draft is reported, never a reason to drop the rest. A draft under Reject is rejected
 * whatever the decision; one listed under both boxes is left as it is. Approval re-lints each draft
 * (see `approveLocked`). The outcome is recorded (`approval_decided`) for the summary page.
 */
export async function applyDecision(
	engine: Engine,
	campaignId: unknown,
	page: PageDecision,
	actor: string,
): Promise<DecisionResult> {
	const mode = decisionMode(page.decision);
	const listing = Array.isArray(page.listing) ? page.listing : [];
	const approveRefs = readDraftRefs(page.approve, listing);
	const rejectRefs = readDraftRefs(page.reject, listing);
	const notDone: NotDone[] = [
		...approveRefs.unknown.map((u) => ({ ...u, reason: `under Approve: ${u.reason}` })),
		...rejectRefs.unknown.map((u) => ({ ...u, reason: `under Reject: ${u.reason}` })),
	];
	const rejectIds = new Set(rejectRefs.drafts.map((d) => d.id));
	const both = approveRefs.drafts.filter((d) => rejectIds.has(d.id));
	for (const d of both) {
		notDone.push(about(d, 'listed under both Approve and Reject: left as it was'));
		rejectIds.delete(d.id);
	}
	const bothIds = new Set(both.map((d) => d.id));
	const toReject = mode === 'rejectAll' ? listing : listing.filter((d) => rejectIds.has(d.id));
	const rejecting = new Set(toReject.map((d) => d.id));
	const toApprove =
		mode === 'rejectAll' || mode === null
			? []
			: [
					...new Map(
						[
							...(mode === 'allPassing'
								? listing.filter((d) => d.status === 'pending_approval')
								: []),
							...approveRefs.drafts,
						].map((d) => [d.id, d]),
					).values(),
				].filter((d) => !rejecting.has(d.id) && !bothIds.has(d.id));
	if (mode === null)
		notDone.push({
			ref: String(page.decision ?? '').slice(0, 80),
			reason:
				'no decision was chosen (approve all passing, approve only the listed drafts, or reject all): nothing changed',
		});
	const result = await engine.db.transaction(async (tx) => {
		const campaign = await loadCampaign(tx, campaignId);
		const outcome: DecisionResult = {
			campaignId: campaign.id,
			mode,
			approved: [],
			rejected: [],
			notDone,
		};
		if (campaign.status === 'cancelled') {
			for (const d of [...toApprove, ...toReject])
				notDone.push(about(d, 'the campaign is cancelled: its drafts cannot change'));
		} else if (toApprove.length || toReject.length) {
			const { rows } = await tx.query(
				`select ${DRAFT_COLUMNS} from drafts d join prospects p on p.id = d.prospect_id
				where d.campaign_id = $1 and d.id = any($2::uuid[])
				order by d.id for update of d`,
				[campaign.id, [...toApprove, ...toReject].map((d) => d.id)],
			);
			const locked = new Map(rows.map(toDraft).map((d) => [d.id, d]));
			const byId = new Map(listing.map((d) => [d.id, d]));
			for (const d of [...toApprove, ...toReject])
				if (!locked.has(d.id)) notDone.push(about(d, 'no longer a draft of this campaign'));
			const approval = await approveLocked(
				tx,
				campaign,
				toApprove.flatMap((d) => locked.get(d.id) ?? []),
				actor,
			);
			const rejection = await rejectLocked(
				tx,
				toReject.flatMap((d) => locked.get(d.id) ?? []),
				String(page.reason ?? '').trim() || 'rejected on the approval page',
			);
			outcome.approved = approval.approved.map((a) => byId.get(a.id)!);
			outcome.rejected = rejection.rejected.map((id) => byId.get(id)!);
			for (const s of [...approval.skipped, ...rejection.skipped])
				notDone.push(about(byId.get(s.id)!, s.reason));
		}
		notDone.sort((x, y) => (x.number ?? Infinity) - (y.number ?? Infinity));
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: 'approval_decided',
			actor,
			data: {
				mode,
				approved: outcome.approved.map((d) => d.id),
				rejected: outcome.rejected.map((d) => d.id),
				notDone: notDone.slice(0, 200),
				notDoneCount: notDone.length,
			},
		});
		return outcome;
	});
	await analyzeAfterBulk(engine.db, 'drafts', result.approved.length);
	return result;
}
