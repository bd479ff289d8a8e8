import type { Queryable } from '../../store/Db';

/** One loose end of the run a reviewer should know about before deciding, and what to do. */
export interface RunNote {
	kind:
		| 'ingest_errors'
		| 'unmatched_senders'
		| 'skipped_prospects'
		| 'flagged_prospects'
		| 'undeliverable_prospects'
		| 'spam_check'
		| 'model_fallback';
	message: string;
	/** A few examples (file and reason, sender, row), already worded for a person. */
	details: string[];
	fix: string;
}

interface EventRow {
	type: string;
	data: Record<string, unknown>;
}

const FLAG_WORDS: Record<string, (value: unknown) => string> = {
	invalidTimezone: (v) => `unknown time zone "${String(v)}" (sent by the default zone's hours)`,
	roleAddress: () => 'a role address, not a person',
	freeMail: () => 'a free-mail address',
	duplicateInInput: () => 'listed twice',
};

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

function ingestNotes(events: EventRow[]): RunNote[] {
	const notes: RunNote[] = [];
	const failed = events.filter((e) => Number(e.data.errors ?? 0) > 0);
	const errors = failed.reduce((n, e) => n + Number(e.data.errors), 0);
	if (errors)
		notes.push({
			kind: 'ingest_errors',
			message: `${errors} ${errors === 1 ? 'message' : 'messages'} could not be read and ${errors === 1 ? 'is' : 'are'} not in what the Blueprint learned from`,
			details: failed
				.flatMap((e) => list<{ origin: string; message: string }>(e.data.firstErrors))
				.slice(0, 5)
				.map((x) => `${x.origin}: ${x.message}`),
			fix: 'Fix or re-export those files and submit the campaign form again: what was stored stays, the rest is added, and the Blueprint is learned again.',
		});
	const seeded = events.filter((e) => Number(e.data.unmatched ?? 0) > 0);
	const unmatched = seeded.reduce((n, e) => n + Number(e.data.unmatched), 0);
	if (unmatched)
		notes.push({
			kind: 'unmatched_senders',
			message: `${unmatched} competitor ${unmatched === 1 ? 'message was' : 'messages were'} left out: the sender matched no competitor (or several)`,
			details: seeded
				.flatMap((e) =>
					list<{ sender: string; messages: number; candidates: string[] }>(e.data.unmatchedSenders),
				)
				.slice(0, 5)
				.map(
					(s) =>
						`${s.sender} (${s.messages} ${s.messages === 1 ? 'message' : 'messages'}${s.candidates.length ? `; matches ${s.candidates.join(' and ')}` : ''})`,
				),
			fix: 'If a sender is a competitor\'s, add its domain to that competitor ("Name | domain" in the competitors field) and submit the form again; a newsletter or a colleague can stay out.',
		});
	return notes;
}

function draftNotes(events: EventRow[]): RunNote[] {
	const notes: RunNote[] = [];
	const skipped = events.flatMap((e) =>
		list<{ row?: number; where?: string; error: string }>(e.data.skipped),
	);
	const skippedCount = events.reduce((n, e) => n + Number(e.data.skippedCount ?? 0), 0);
	if (skippedCount)
		notes.push({
			kind: 'skipped_prospects',
			message: `${skippedCount} ${skippedCount === 1 ? 'prospect was' : 'prospects were'} skipped and got no drafts`,
			details: skipped
				.slice(0, 5)
				.map(
					(s) => `${s.row !== undefined ? `row ${s.row}` : (s.where ?? 'a prospect')}: ${s.error}`,
				),
			fix: 'Correct those rows in the prospect list and submit the campaign form again: prospects who already have drafts keep them, the corrected rows get theirs.',
		});
	const undeliverable = events.flatMap((e) =>
		list<{ email: string; reasons: string[] }>(e.data.undeliverable),
	);
	const undeliverableCount = events.reduce((n, e) => n + Number(e.data.undeliverableCount ?? 0), 0);
	if (undeliverableCount)
		notes.push({
			kind: 'undeliverable_prospects',
			message: `${undeliverableCount} ${undeliverableCount === 1 ? 'prospect was' : 'prospects were'} not drafted: the address cannot receive mail`,
			details: undeliverable.slice(0, 20).map((u) => `${u.email}: ${u.reasons.join('; ')}`),
			fix: 'Find a working address for them (the company site, a colleague) and submit the form again with the corrected rows; a suppressed address stays out on purpose.',
		});
	const flagged = events.flatMap((e) =>
		list<{ email: string; flags: Record<string, unknown>; findings?: string[] }>(e.data.flagged),
	);
	const flaggedCount = events.reduce((n, e) => n + Number(e.data.flaggedCount ?? 0), 0);
	if (flaggedCount)
		notes.push({
			kind: 'flagged_prospects',
			message: `${flaggedCount} ${flaggedCount === 1 ? 'prospect has' : 'prospects have'} drafts but something about the address is worth a look`,
			details: flagged.slice(0, 20).map((f) => {
				// The address check words the role and free-mail findings itself, with its larger lists.
				const checked = f.findings?.length ? new Set(['roleAddress', 'freeMail']) : new Set();
				const words = Object.entries(f.flags)
					.filter(([k]) => !checked.has(k))
					.map(([k, v]) => FLAG_WORDS[k]?.(v) ?? k);
				return `${f.email}: ${[...words, ...(f.findings ?? [])].join('; ')}`;
			}),
			fix: "Reject their drafts below if they should not get mail (a role account, a free-mail or example address, a domain that could not be checked), or correct the row (a person's address, an IANA time zone such as Europe/Berlin) and submit the form again.",
		});
	notes.push(...spamNotes(events));
	const fellBack = events.filter((e) => Number(e.data.fellBack ?? 0) > 0);
	if (fellBack.length)
		notes.push({
			kind: 'model_fallback',
			message: `${fellBack.reduce((n, e) => n + Number(e.data.fellBack), 0)} sequences were written by the deterministic writer instead of the connected chat model`,
			details: fellBack
				.map((e) => String(e.data.fallbackReason ?? e.data.modelUnavailable ?? ''))
				.filter(Boolean)
				.slice(0, 2),
			fix: "Check the chat model's credential and that it answers, then submit the form again; or approve these drafts as they are, they passed the same checks.",
		});
	return notes;
}

interface SpamCheckData {
	off?: string;
	scored?: number;
	overLimit?: number;
	errors?: number;
	firstError?: string;
}

/** The spam check of the run's drafts: off (and why), or drafts it could not score. */
function spamNotes(events: EventRow[]): RunNote[] {
	const checks = events.flatMap((e) =>
		e.data.spamCheck ? [e.data.spamCheck as SpamCheckData] : [],
	);
	const off = checks.find((c) => c.off);
	const errors = checks.reduce((n, c) => n + Number(c.errors ?? 0), 0);
	if (off)
		return [
			{
				kind: 'spam_check',
				message: 'The drafts were not scored by a spam filter',
				details: [off.off as string],
				fix: "Run SpamAssassin's spamd (the compose file has a service) and give its address in the Draft Generator's Spam Filter option or SALES_ENGINE_SPAMD, then submit the form again.",
			},
		];
	if (errors)
		return [
			{
				kind: 'spam_check',
				message: `${errors} ${errors === 1 ? 'draft' : 'drafts'} could not be scored by the spam filter`,
				details: checks.flatMap((c) => (c.firstError ? [c.firstError] : [])).slice(0, 3),
				fix: 'Check that spamd answers at the address given, then submit the form again: drafts already written are not rescored, new ones are.',
			},
		];
	return [];
}

/**
 * What went wrong or is worth a look in the campaign's latest run (since its last submission):
 * messages that could not be read, competitor senders that matched no competitor, prospect rows
 * skipped or flagged, sequences the model did not write. Read from the campaign's own record, so
 * every way of starting the run (form, API, sample data) gets the same section.
 */
export async function beforeYouApprove(db: Queryable, campaignId: string): Promise<RunNote[]> {
	const { rows } = await db.query<EventRow>(
		`select type, data from campaign_events
		where campaign_id = $1 and type in ('emails_ingested', 'drafts_generated')
			and id > coalesce((select max(id) from campaign_events where campaign_id = $1
				and type in ('campaign_created', 'campaign_reused')), 0)
		order by id`,
		[campaignId],
	);
	return [
		...ingestNotes(rows.filter((r) => r.type === 'emails_ingested')),
		...draftNotes(rows.filter((r) => r.type === 'drafts_generated')),
	];
}
