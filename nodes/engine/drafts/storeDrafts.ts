import type { LintResult } from '../enforcer/lintDraft';
import type { Queryable } from '../store/Db';
import { draftHash, draftHtml } from './draftHtml';
import type { DraftTouch } from './types';

export interface NewDraft {
	prospectId: string;
	touch: DraftTouch;
	lint: LintResult & { attempts?: number; note?: string };
	writer: 'model' | 'deterministic';
	/** The variant of the sequence the prospect was given ('A', 'B', …), when there are variants. */
	variant?: string;
}

/**
 * Stores drafts in one statement: `pending_approval` when the lint passed, `needs_edit` with the
 * reasons otherwise. A (prospect, step) that already has a draft is left as it is: re-running adds
 * nothing. Returns the (prospect, step) pairs inserted.
 */
export async function storeDrafts(
	q: Queryable,
	campaignId: string,
	blueprintVersion: number,
	drafts: NewDraft[],
): Promise<Array<{ prospect_id: string; step: number }>> {
	if (!drafts.length) return [];
	const rows = drafts.map(({ prospectId, touch, lint, writer, variant }) => {
		const html = draftHtml(touch.bodyText);
		return {
			prospect_id: prospectId,
			step: touch.step,
			send_offset_days: touch.sendOffsetDays,
			subject: touch.subject,
			body_text: touch.bodyText,
			body_html: html,
			cta_type: touch.ctaType,
			writer,
			content_hash: draftHash(touch.subject, touch.bodyText, html),
			lint: { ...lint, used: touch.used, ...(touch.notes ? { writerNotes: touch.notes } : {}) },
			lint_passed: lint.passed,
			status: lint.passed ? 'pending_approval' : 'needs_edit',
			variant: variant ?? null,
		};
	});
	const { rows: inserted } = await q.query<{ prospect_id: string; step: number }>(
		`insert into drafts (campaign_id, blueprint_version, prospect_id, step, send_offset_days, subject,
			body_text, body_html, cta_type, writer, content_hash, lint, lint_passed, status, variant)
		select $1, $2, r.prospect_id, r.step, r.send_offset_days, r.subject, r.body_text, r.body_html,
			r.cta_type, r.writer, r.content_hash, r.lint, r.lint_passed, r.status, r.variant
		from jsonb_to_recordset($3::jsonb) as r(prospect_id uuid, step int, send_offset_days real,
			subject text, body_text text, body_html text, cta_type text, writer text, content_hash text,
			lint jsonb, lint_passed boolean, status text, variant text)
		on conflict (campaign_id, prospect_id, step) do nothing
		returning prospect_id, step`,
		[campaignId, blueprintVersion, JSON.stringify(rows)],
	);
	return inserted;
}
