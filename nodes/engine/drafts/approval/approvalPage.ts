import { loadBlueprint } from '../../blueprint/getBlueprint';
import type { BlueprintRecord } from '../../blueprint/blueprintRecord';
import { loadCampaign } from '../../campaign/getCampaign';
import type { Engine } from '../../Engine';
import { escapeHtml as esc } from '../../util/escapeHtml';
import type { Draft } from '../types';
import { beforeYouApprove, type RunNote } from './beforeYouApprove';
import { listDrafts } from './listDrafts';
import { numberDrafts, type PageDraft } from './pageListing';

export interface ApprovalPage {
	campaignId: string;
	/** The page's HTML block (the form's fields follow it). */
	html: string;
	/** The drafts it shows, numbered: what the decision is read against. */
	drafts: PageDraft[];
	notes: RunNote[];
	counts: { drafts: number; prospects: number; passing: number; needsEdit: number };
}

/** The most drafts one page lists; beyond them the page says how many more wait. */
const PAGE_LIMIT = 500;

const list = (texts: string[]) => `<ul>${texts.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`;

function notesHtml(notes: RunNote[]): string {
	if (!notes.length) return '';
	// n8n's form keeps only plain tags (no ids, classes or sections): the page reads by its words.
	return `<div><h3>Before you approve</h3>${notes
		.map(
			(n) =>
				`<p><b>${esc(n.message)}.</b></p>${n.details.length ? list(n.details) : ''}<p>What to do: ${esc(n.fix)}</p>`,
		)
		.join('')}</div>`;
}

function rulesHtml(b: BlueprintRecord | null): string {
	if (!b) return '';
	const texts = (rules: Array<{ text: string }> | undefined) => (rules ?? []).map((r) => r.text);
	return `<h3>Do</h3>${list(texts(b.body.dos))}<h3>Don't</h3>${list(texts(b.body.donts))}<h3>Limits and cadence</h3>${list([...texts(b.body.limits), ...texts(b.body.cadence)])}`;
}

const HOW_TO_DECIDE =
	'<p><b>How to decide.</b> Each draft has a number. <i>Approve all passing drafts</i> approves every draft that passes the Blueprint; <i>Approve only the drafts listed</i> approves the numbers under <b>Approve</b>. Numbers under <b>Reject</b> are rejected whatever you choose (e.g. <code>2, 5-7</code>; the IDs or their first 8 characters work too). A number that names no draft is reported on the next page and costs nothing else. A prospect gets the touches before the first one that is not approved, and then stops until it is.</p>';

function summaryHtml(drafts: Draft[], prospects: number, broken: number): string {
	if (!drafts.length)
		return '<h3>No drafts to approve</h3><p>This run wrote no drafts waiting for a decision: no valid prospect was given, or every prospect already had a sequence. The section above (if any) and the output of the draft node list each prospect and why. Submitting this page changes nothing.</p>';
	const head = `<h3>${drafts.length} drafts for ${prospects} prospects: `;
	if (broken === drafts.length)
		return `${head}none passes the Blueprint</h3><p><b>Nothing can be approved as it is.</b> Every draft breaks a rule of the Blueprint; the reasons are under each draft. Edit the drafts (Sales Campaign, Draft, Edit) and approve them by number, say more in "What you sell" and submit the campaign form again, or reject all. <b>Approve all passing drafts</b> approves nothing.</p>`;
	return `${head}${drafts.length - broken} pass the Blueprint${broken ? `, ${broken} need an edit (shown first)` : ''}</h3>${HOW_TO_DECIDE}`;
}

/**
 * The approval page of a campaign's open drafts (needs edit first, then those waiting), numbered
 * for the decision, with what went wrong upstream ("Before you approve"), the Blueprint they were
 * checked against, and each draft's card. `continued` says the submission reused a campaign.
 */
export async function approvalPage(
	engine: Engine,
	campaignId: unknown,
	options: { continued?: boolean } = {},
): Promise<ApprovalPage> {
	const campaign = await loadCampaign(engine.db, campaignId);
	const blueprint = await loadBlueprint(engine.db, campaign.id).catch(() => null);
	const open = await listDrafts(engine, campaign.id, {
		status: ['needs_edit', 'pending_approval'],
		limit: PAGE_LIMIT + 1,
	});
	const more = open.length > PAGE_LIMIT;
	const drafts = open.slice(0, PAGE_LIMIT);
	const numbered = numberDrafts(drafts);
	const byId = new Map(drafts.map((d) => [d.id, d]));
	const notes = await beforeYouApprove(engine.db, campaign.id);
	const fellBack = blueprint?.body.synthesis.fallbackReason;
	if (fellBack)
		notes.push({
			kind: 'model_fallback',
			message: `Blueprint v${blueprint.version} was worded by the deterministic synthesis, not the connected chat model`,
			details: [fellBack],
			fix: "Its rules are the same measured ones; check the chat model's credential and that it answers if you want the model's wording, then submit the form again.",
		});
	const prospects = new Set(drafts.map((d) => d.prospectEmail)).size;
	const broken = drafts.filter((d) => d.status === 'needs_edit').length;
	const b = blueprint?.body;
	const head = `<p>Campaign <b>${esc(campaign.name)}</b>${options.continued ? ' (continued: a campaign for this brand was already active, so this submission added to it instead of creating a duplicate)' : ''}</p>${
		blueprint
			? `<p>Blueprint v${blueprint.version} (${esc(b?.synthesis.path)})${b?.lowData.isLow ? `, <b>low data</b>: ${esc(b.lowData.warnings.map((w) => w.message).join(' '))}` : ''}</p>`
			: '<p><b>No active Blueprint.</b></p>'
	}`;
	const cards: string[] = [];
	let prospect = '';
	for (const n of numbered) {
		const d = byId.get(n.id)!;
		if (d.prospectEmail !== prospect) {
			prospect = d.prospectEmail ?? '';
			const mine = numbered.filter((x) => x.prospectEmail === prospect);
			const edits = mine.filter((x) => x.status === 'needs_edit').length;
			cards.push(
				`<h3>${esc(prospect)}: ${edits ? `${edits} of ${mine.length} touches need an edit` : `${mine.length} touches pass`}</h3>`,
			);
		}
		cards.push(`<p><b>Draft ${n.number}</b> · ID <code>${d.id}</code></p>${d.preview}`);
	}
	const html = [
		head,
		notesHtml(notes),
		summaryHtml(drafts, prospects, broken),
		more
			? `<p><b>More than ${PAGE_LIMIT} drafts wait:</b> this page shows the first ${PAGE_LIMIT}; decide on them and submit the campaign form again for the rest.</p>`
			: '',
		...cards,
		rulesHtml(blueprint),
	].join('');
	return {
		campaignId: campaign.id,
		html,
		drafts: numbered,
		notes,
		counts: {
			drafts: drafts.length,
			prospects,
			passing: drafts.length - broken,
			needsEdit: broken,
		},
	};
}
