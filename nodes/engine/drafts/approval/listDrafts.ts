import { assertCampaignId } from '../../campaign/campaignId';
import { loadCampaign } from '../../campaign/getCampaign';
import type { Engine } from '../../Engine';
import type { SqlParam } from '../../store/Db';
import { hitText } from '../../enforcer/spamVerdict';
import type { SpamResult } from '../../send/spam/spamCheck';
import { DRAFT_COLUMNS, toDraft } from '../draftRow';
import type { Draft, DraftStatus } from '../types';

export interface DraftFilter {
	status?: DraftStatus[];
	prospectId?: string;
	draftIds?: string[];
	limit?: number;
	offset?: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]);

/** What a reviewer reads for each status. */
const STATUS_LABELS: Record<DraftStatus, string> = {
	pending_approval: 'waiting for approval',
	needs_edit: 'needs an edit',
	approved: 'approved',
	rejected: 'rejected',
	sent: 'sent',
	cancelled: 'cancelled',
};

/** The spam filter's score and the rules that scored, each where it matched in the draft. */
function spamLine(spam: SpamResult | undefined): string {
	if (!spam || spam.status === 'off') return '';
	if (spam.status !== 'scored')
		return `<p class="spam">Spam score: not scored (${escape(spam.reason)})</p>`;
	const hits = spam.hits
		.filter((h) => h.points !== 0)
		.sort((a, b) => b.points - a.points)
		.map((h) => `<li>${escape(hitText(h))}: ${escape(h.description)}</li>`)
		.join('');
	return `<p class="spam"><b>Spam score ${spam.score}</b>${spam.limit !== undefined ? ` of at most ${spam.limit} (the Blueprint's limit)` : ''}; SpamAssassin calls mail over ${spam.required} spam${spam.located ? '' : ' — this spamd does not report where rules matched'}</p>${hits ? `<ul class="spam">${hits}</ul>` : ''}`;
}

/**
 * The review card of one draft: to, subject, body, and the lint verdict with its reasons, what is
 * worth a look without failing it (a body shorter than the brand's usual), and what the writer
 * said up front it could not meet.
 */
export function draftPreview(d: Draft): string {
	const notes = (d.lint as { writerNotes?: string[] }).writerNotes ?? [];
	const verdict = d.lintPassed
		? '<p class="lint pass">Passes the Blueprint</p>'
		: `<p class="lint fail"><b>Needs an edit:</b></p><ul class="lint fail">${d.lint.violations.map((v) => `<li>${escape(v.message)}</li>`).join('')}</ul>`;
	const warnings = d.lint.warnings ?? [];
	const noted = warnings.length
		? `<p class="lint warn">Worth a look: ${warnings.map((w) => escape(w.message)).join('; ')}</p>`
		: '';
	const said = notes.length
		? `<p class="lint notes">The writer noted: ${notes.map(escape).join('; ')}</p>`
		: '';
	const spam = spamLine(d.lint.spam);
	return `<article class="draft" data-id="${d.id}"><header><b>To:</b> ${escape(d.prospectEmail ?? '')} · <b>Touch ${d.step}</b> (day ${d.sendOffsetDays}) · ${STATUS_LABELS[d.status] ?? escape(d.status)}</header><h3>${escape(d.subject)}</h3>${d.bodyHtml}${verdict}${spam}${noted}${said}</article>`;
}

/** Drafts of a campaign for review (by step within prospect), each with its HTML preview. */
export async function listDrafts(
	engine: Engine,
	campaignId: unknown,
	filter: DraftFilter = {},
): Promise<Array<Draft & { preview: string }>> {
	const id = assertCampaignId(campaignId);
	await loadCampaign(engine.db, id);
	const params: SqlParam[] = [id];
	const where = ['d.campaign_id = $1'];
	if (filter.status?.length) where.push(`d.status = any($${params.push(filter.status)}::text[])`);
	if (filter.prospectId) where.push(`d.prospect_id = $${params.push(filter.prospectId)}::uuid`);
	if (filter.draftIds?.length) where.push(`d.id = any($${params.push(filter.draftIds)}::uuid[])`);
	params.push(Math.min(Math.max(filter.limit ?? 100, 1), 10_000), Math.max(filter.offset ?? 0, 0));
	const { rows } = await engine.db.query(
		`select ${DRAFT_COLUMNS} from drafts d join prospects p on p.id = d.prospect_id
		where ${where.join(' and ')}
		order by p.email_normalized, d.step
		limit $${params.length - 1} offset $${params.length}`,
		params,
	);
	return rows.map((r) => {
		const draft = toDraft(r);
		return { ...draft, preview: draftPreview(draft) };
	});
}
