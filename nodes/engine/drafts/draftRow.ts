import type { Draft } from './types';

export const DRAFT_COLUMNS = `d.id, d.campaign_id, d.prospect_id, p.email as prospect_email, p.company as prospect_company, d.step, d.send_offset_days,
	d.subject, d.body_text, d.body_html, d.cta_type, d.writer, d.blueprint_version, d.variant, d.content_hash, d.lint,
	d.lint_passed, d.status, d.approved_by, d.approved_at, d.approved_hash, d.rejected_reason,
	d.created_at, d.updated_at`;

export type DraftRow = Record<string, unknown>;

const iso = (v: unknown) =>
	v === null || v === undefined ? null : new Date(v as string).toISOString();

export function toDraft(r: DraftRow): Draft {
	return {
		id: r.id as string,
		campaignId: r.campaign_id as string,
		prospectId: r.prospect_id as string,
		prospectEmail: (r.prospect_email as string) ?? undefined,
		prospectCompany: (r.prospect_company as string) ?? undefined,
		step: Number(r.step),
		sendOffsetDays: Number(r.send_offset_days),
		subject: r.subject as string,
		bodyText: r.body_text as string,
		bodyHtml: (r.body_html as string) ?? '',
		ctaType: (r.cta_type as string) ?? null,
		writer: r.writer as Draft['writer'],
		blueprintVersion: Number(r.blueprint_version),
		...(r.variant ? { variant: r.variant as string } : {}),
		contentHash: r.content_hash as string,
		lint: r.lint as Draft['lint'],
		lintPassed: Boolean(r.lint_passed),
		status: r.status as Draft['status'],
		approvedBy: (r.approved_by as string) ?? null,
		approvedAt: iso(r.approved_at),
		approvedHash: (r.approved_hash as string) ?? null,
		rejectedReason: (r.rejected_reason as string) ?? null,
		createdAt: iso(r.created_at) as string,
		updatedAt: iso(r.updated_at) as string,
	};
}
