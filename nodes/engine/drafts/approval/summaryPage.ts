import { isEngineError } from '../../errors';
import type { Engine } from '../../Engine';
import { escapeHtml as esc } from '../../util/escapeHtml';
import { type ApprovalSummary, approvalSummary } from './approvalSummary';

const HEAD =
	'<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Approval summary</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5">';

const utc = (iso: string) => new Date(iso).toUTCString().replace('GMT', 'UTC');

/** The most lines a list of the page shows; the rest is counted. */
const SHOWN = 100;

const items = <T>(xs: T[], line: (x: T) => string) =>
	xs.slice(0, SHOWN).map(line).join('') +
	(xs.length > SHOWN ? `<li>… and ${xs.length - SHOWN} more</li>` : '');

function body(s: ApprovalSummary): string {
	const n = (k: string) => s.drafts[k] ?? 0;
	const open = n('needs_edit') + n('pending_approval');
	const notDone = s.notDone.length
		? `<h2>Not done</h2><p>The decision named these, and they did not change:</p><ul id="not-done">${items(
				s.notDone,
				(x) =>
					`<li><b>${esc(x.number ? `Draft ${x.number}` : x.ref)}</b>${x.prospectEmail ? ` (${esc(x.prospectEmail)}, touch ${x.step})` : ''}: ${esc(x.reason)}</li>`,
			)}</ul><p>To decide on them, submit the campaign form again (it continues this campaign and lists only the open drafts), or use Sales Campaign → Draft in a workflow.</p>`
		: '';
	const blocked = s.blocked.length
		? `<h2>Approved but blocked</h2><ul id="blocked">${items(
				s.blocked,
				(b) => `<li>${esc(b.prospectEmail)}, touch ${b.step}: ${esc(b.reason)}</li>`,
			)}</ul>`
		: '';
	const next =
		s.sendable && s.firstDueAt
			? `<p id="next">The first queued message is due <b>${esc(utc(s.firstDueAt))}</b>. The send worker's dry-run outbox writes it on its first run after that; a real provider sends it inside the sending window (by default Monday to Friday, 08:00–18:00 in the prospect's time zone)${s.firstWindowAt && s.firstWindowAt !== s.firstDueAt ? `, i.e. from <b>${esc(utc(s.firstWindowAt))}</b>` : ''}.</p>`
			: '<p id="next">Nothing is queued for sending.</p>';
	const stopped = s.sendingBlockedBy.length
		? `<p id="sending-blocked"><b>Sending is blocked:</b> ${esc(s.sendingBlockedBy.join('; '))}.</p>`
		: '';
	return `<h1>Decision recorded</h1><p>Campaign <b>${esc(s.name)}</b></p><ul><li>${s.blocked.length ? `Approved: <b id="approved">${n('approved')}</b>, of which <b id="sendable">${s.sendable}</b> queued for sending and ${s.blocked.length} blocked (see below)` : `Approved and queued for sending: <b id="approved">${n('approved')}</b>`}</li><li>Rejected: <b id="rejected">${n('rejected')}</b></li><li>Still to review: <b id="open">${open}</b>${n('needs_edit') ? ` (${n('needs_edit')} need an edit: their prospects get a shorter sequence unless they are edited and approved)` : ''}</li>${n('sent') ? `<li>Already sent: ${n('sent')}</li>` : ''}</ul>${notDone}${blocked}${next}${stopped}`;
}

/**
 * The page a reviewer lands on after deciding: a complete HTML document with the counts, what the
 * decision did not change and why, approved touches that cannot go out, and when the first message
 * is due. A link that names no campaign of this store gets a page that says so (`found` false).
 */
export async function approvalSummaryPage(
	engine: Engine,
	campaignId: unknown,
): Promise<{ found: boolean; html: string; summary?: ApprovalSummary }> {
	try {
		const summary = await approvalSummary(engine, campaignId);
		return { found: true, html: `${HEAD}${body(summary)}</body></html>`, summary };
	} catch (error) {
		if (!isEngineError(error) || !['NOT_FOUND', 'INVALID_INPUT'].includes(error.code)) throw error;
		return {
			found: false,
			html: `${HEAD}<h1>No campaign to show</h1><p>This link names no campaign of this n8n (${esc(error.message)}).</p></body></html>`,
		};
	}
}
