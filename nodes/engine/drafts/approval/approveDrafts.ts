import { recordEvent } from '../../audit/recordEvent';
import { loadCampaign } from '../../campaign/getCampaign';
import { analyzeAfterBulk } from '../../store/analyzeAfterBulk';
import type { Engine } from '../../Engine';
import { invalidInput } from '../../errors';
import type { Campaign } from '../../campaign/types';
import type { Queryable } from '../../store/Db';
import { DRAFT_COLUMNS, toDraft } from '../draftRow';
import type { Draft } from '../types';
import { blueprintCache, prospectNamesCache, relint, supportCache } from './relint';

export interface DraftSelector {
	draftIds?: string[];
	prospectId?: string;
	allPassing?: boolean;
}

export interface ApprovalResult {
	approved: Array<{ id: string; prospectEmail: string; step: number; contentHash: string }>;
	skipped: Array<{ id: string; reason: string }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Exactly one way of choosing drafts; ids checked before they reach SQL. */
export function checkedSelector(s: DraftSelector): DraftSelector {
	const ways = [s.draftIds?.length ? 1 : 0, s.prospectId ? 1 : 0, s.allPassing ? 1 : 0].reduce(
		(a, b) => a + b,
	);
	if (ways !== 1) {
		throw invalidInput(
			'Choose the drafts one way: by draft IDs, by prospect, or all passing drafts',
		);
	}
	const bad = [...(s.draftIds ?? []), ...(s.prospectId ? [s.prospectId] : [])].filter(
		(id) => !UUID.test(id),
	);
	if (bad.length)
		throw invalidInput(`Not a draft or prospect ID: ${bad.map((b) => `"${b}"`).join(', ')}`);
	return s;
}

/**
 * Approves drafts a human chose: only `pending_approval` drafts that pass the enforcer now (re-linted,
 * not trusted from storage). Records who, when and the content hash approved; the rest are
 * returned as skipped with the reason. One transaction, drafts locked while checked.
 */
export async function approveDrafts(
	engine: Engine,
	campaignId: unknown,
	selector: DraftSelector,
	actor: string,
): Promise<ApprovalResult> {
	const s = checkedSelector(selector);
	const result = await engine.db.transaction(async (tx) => {
		const campaign = await loadCampaign(tx, campaignId);
		if (campaign.status === 'cancelled') {
			throw invalidInput(`Campaign ${campaign.id} is cancelled: its drafts cannot be approved`);
		}
		const { rows } = await tx.query(
			`select ${DRAFT_COLUMNS} from drafts d join prospects p on p.id = d.prospect_id
			where d.campaign_id = $1 and ${
				s.draftIds
					? 'd.id = any($2::uuid[])'
					: s.prospectId
						? 'd.prospect_id = $2::uuid'
						: "d.status = 'pending_approval' and $2::text is null"
			}
			order by p.email_normalized, d.step
			for update of d`,
			[campaign.id, s.draftIds ?? s.prospectId ?? null],
		);
		const drafts = rows.map(toDraft);
		const result = await approveLocked(tx, campaign, drafts, actor);
		const found = new Set(drafts.map((d) => d.id));
		for (const id of s.draftIds ?? [])
			if (!found.has(id)) result.skipped.push({ id, reason: 'no such draft in this campaign' });
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: 'drafts_approved',
			actor,
			data: {
				approved: result.approved.length,
				skipped: result.skipped.length,
				ids: result.approved.map((a) => a.id),
			},
		});
		return result;
	});
	// Approval moves drafts into the partial index the sender claims from.
	await analyzeAfterBulk(engine.db, 'drafts', result.approved.length);
	return result;
}

/**
 * Approves drafts already locked by the caller's transaction (FOR UPDATE): each must wait for
 * approval and pass the enforcer now (re-linted, not trusted from storage); a draft that fails is
 * set to needs edit. The rest are returned as skipped with the reason.
 */
export async function approveLocked(
	tx: Queryable,
	campaign: Campaign,
	drafts: Draft[],
	actor: string,
): Promise<ApprovalResult> {
	const result: ApprovalResult = { approved: [], skipped: [] };
	const blueprint = blueprintCache(tx, campaign.id);
	const prospectNames = prospectNamesCache(tx, campaign.id);
	const support = supportCache(tx, campaign, blueprint);
	for (const d of drafts) {
		if (d.status !== 'pending_approval') {
			result.skipped.push({
				id: d.id,
				reason:
					d.status === 'approved'
						? 'already approved'
						: d.status === 'needs_edit'
							? `needs an edit first: ${d.lint.violations.map((v) => v.message).join('; ')}`
							: `status is ${d.status}`,
			});
			continue;
		}
		const lint = await relint(tx, blueprint, prospectNames, d, support);
		if (!lint.passed) {
			await tx.query(
				"update drafts set status = 'needs_edit', lint = $2, lint_passed = false, updated_at = now() where id = $1",
				[d.id, JSON.stringify(lint)],
			);
			result.skipped.push({
				id: d.id,
				reason: `fails the Blueprint: ${lint.violations.map((v) => v.message).join('; ')}`,
			});
			continue;
		}
		await tx.query(
			`update drafts set status = 'approved', approved_by = $2, approved_at = now(),
				approved_hash = content_hash, rejected_reason = null,
				due_at = now() + send_offset_days * interval '1 day', updated_at = now()
			where id = $1`,
			[d.id, actor],
		);
		result.approved.push({
			id: d.id,
			prospectEmail: d.prospectEmail ?? '',
			step: d.step,
			contentHash: d.contentHash,
		});
	}
	return result;
}
