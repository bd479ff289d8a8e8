import { recordEvent } from '../../audit/recordEvent';
import type { Campaign } from '../../campaign/types';
import { renderIdentity } from '../../send/spam/renderIdentity';
import { spamChecker, type SpamResult } from '../../send/spam/spamCheck';
import { loadCampaign } from '../../campaign/getCampaign';
import type { Engine } from '../../Engine';
import { EngineError, invalidInput, notFound } from '../../errors';
import { draftHash, draftHtml } from '../draftHtml';
import { DRAFT_COLUMNS, toDraft } from '../draftRow';
import type { Draft } from '../types';
import { blueprintCache, prospectNamesCache, relint, supportCache } from './relint';

/** The edited text's spam score, when a spamd is set. */
async function rescored(
	campaign: Campaign,
	draft: Draft,
	subject: string,
	bodyText: string,
	bodyHtml: string,
): Promise<SpamResult | undefined> {
	const checker = spamChecker({});
	if (checker.off) return undefined;
	try {
		return await checker.score(
			{
				prospectId: draft.prospectId,
				to: draft.prospectEmail ?? '',
				step: draft.step,
				subject,
				bodyText,
				bodyHtml,
				contentHash: draftHash(subject, bodyText, bodyHtml),
			},
			renderIdentity(campaign),
		);
	} finally {
		checker.close();
	}
}

/**
 * A human edit: the new text is linted against the draft's Blueprint; the draft goes back to
 * `pending_approval` (or `needs_edit` with the reasons) and any approval is withdrawn — the new
 * content was never approved.
 */
export async function editDraft(
	engine: Engine,
	campaignId: unknown,
	draftId: string,
	change: { subject?: string; bodyText?: string },
	actor: string,
): Promise<Draft & { approvalWithdrawn: boolean }> {
	if (change.subject === undefined && change.bodyText === undefined)
		throw invalidInput('Give a new subject, a new body, or both');
	if (change.subject !== undefined && !change.subject.trim())
		throw invalidInput('The subject cannot be empty');
	if (change.bodyText !== undefined && !change.bodyText.trim())
		throw invalidInput('The body cannot be empty');
	return await engine.db.transaction(async (tx) => {
		const campaign = await loadCampaign(tx, campaignId);
		const { rows } = await tx.query(
			`select ${DRAFT_COLUMNS} from drafts d join prospects p on p.id = d.prospect_id
			where d.campaign_id = $1 and d.id::text = $2 for update of d`,
			[campaign.id, draftId],
		);
		if (!rows[0]) throw notFound(`No draft ${draftId} in campaign ${campaign.id}`);
		const draft = toDraft(rows[0]);
		if (draft.status === 'sent' || draft.status === 'cancelled') {
			throw new EngineError(
				'CONFLICT',
				`Draft ${draft.id} is ${draft.status} and can no longer be edited`,
			);
		}
		const subject = change.subject?.trim() ?? draft.subject;
		const bodyText = change.bodyText?.trim() ?? draft.bodyText;
		const html = draftHtml(bodyText);
		const blueprint = blueprintCache(tx, campaign.id);
		// The new text scored again where spamd is set (SALES_ENGINE_SPAMD); else the old score
		// shows as stale, never as the new text's.
		const spam = await rescored(campaign, draft, subject, bodyText, html);
		const lint = await relint(
			tx,
			blueprint,
			prospectNamesCache(tx, campaign.id),
			{ ...draft, subject, bodyText, ...(spam ? { lint: { spam } } : {}) },
			supportCache(tx, campaign, blueprint),
		);
		const { rows: updated } = await tx.query(
			`update drafts d set subject = $2, body_text = $3, body_html = $4, content_hash = $5, lint = $6,
				lint_passed = $7, status = $8, writer = 'human', approved_by = null, approved_at = null,
				approved_hash = null, due_at = null, rejected_reason = null, updated_at = now()
			from prospects p where d.id = $1 and p.id = d.prospect_id
			returning ${DRAFT_COLUMNS}`,
			[
				draft.id,
				subject,
				bodyText,
				html,
				draftHash(subject, bodyText, html),
				JSON.stringify(lint),
				lint.passed,
				lint.passed ? 'pending_approval' : 'needs_edit',
			],
		);
		const approvalWithdrawn = draft.status === 'approved';
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: 'draft_edited',
			actor,
			data: { id: draft.id, approvalWithdrawn, passed: lint.passed },
		});
		return { ...toDraft(updated[0]), approvalWithdrawn };
	});
}
