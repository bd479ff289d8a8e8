import type { Engine } from '../Engine';
import type { ReplyClass } from '../send/intake/replyClass';
import { type DraftFeatures, draftFeatures } from './draftFeatures';

/** What became of one sent message. */
export type Outcome =
	'replied' | 'bounced' | 'unsubscribed' | 'complained' | 'no_answer' | 'pending';

export interface DraftOutcome {
	draftId: string;
	prospectId: string;
	step: number;
	blueprintVersion: number;
	/** The variant of the sequence the prospect was given, null without variants. */
	variant: string | null;
	sentAt: string;
	outcome: Outcome;
	/** What the answer said: a person's reply's class, out_of_office, or bounce; else null. */
	replyClass: ReplyClass | null;
	outcomeAt: string | null;
	features: DraftFeatures;
}

export interface OutcomeOptions {
	/** Days after a prospect's last touch with no answer before it counts as "no answer". */
	quietDays?: number;
	now?: Date;
}

interface Row {
	draft_id: string;
	prospect_id: string;
	step: number;
	sent_at: Date | string;
	blueprint_version: number;
	variant: string | null;
	subject: string;
	body_text: string;
	cta_type: string | null;
	send_offset_days: number;
	previous_offset_days: number | null;
	recipient: string;
	bounced_at: Date | string | null;
	answer_kind: string | null;
	reply_class: ReplyClass | null;
	answered_at: Date | string | null;
	unsubscribed_at: Date | string | null;
	last_sent_at: Date | string;
	more_to_come: boolean;
}

const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());

// Every sent message with the answer matched to it (a complaint before a bounce before a reply
// before an automatic reply), the prospect's unsubscription, and whether its sequence goes on.
const SQL = /* sql */ `
select a.draft_id, a.prospect_id, a.step, a.sent_at, a.bounced_at, d.blueprint_version, d.variant,
	d.subject,
	d.body_text, d.cta_type, d.send_offset_days,
	(select prev.send_offset_days from drafts prev where prev.campaign_id = d.campaign_id
		and prev.prospect_id = d.prospect_id and prev.step = d.step - 1) as previous_offset_days,
	coalesce(p.first_name || ' ', '') || coalesce(p.last_name || ' ', '') || '<' || p.email || '>'
		as recipient,
	answer.kind as answer_kind, answer.reply_class, answer.received_at as answered_at,
	(select s.created_at from suppressions s where s.value = p.email_normalized
		and s.kind = 'unsubscribed') as unsubscribed_at,
	(select max(o.sent_at) from send_attempts o where o.campaign_id = a.campaign_id
		and o.prospect_id = a.prospect_id and o.status = 'sent') as last_sent_at,
	exists (select 1 from drafts later where later.campaign_id = a.campaign_id
		and later.prospect_id = a.prospect_id and later.step > a.step
		and later.status in ('approved', 'pending_approval', 'needs_edit')) as more_to_come
from send_attempts a
join drafts d on d.id = a.draft_id
join prospects p on p.id = a.prospect_id
left join lateral (
	select i.kind, i.reply_class, i.received_at from inbound_messages i
	where i.attempt_id = a.id and i.kind in ('complaint', 'hard_bounce', 'soft_bounce', 'reply', 'auto_reply')
	order by array_position(array['complaint', 'hard_bounce', 'reply', 'soft_bounce', 'auto_reply'], i.kind),
		i.received_at
	limit 1
) answer on true
where a.campaign_id = $1 and a.status = 'sent'
order by a.sent_at, a.step`;

/**
 * What became of every message a campaign sent, with the draft's features and Blueprint version.
 * Read from what is stored (the ledger, the answers the intake matched, the suppressions), so it
 * is never out of step with them. An unsubscription counts against the prospect's last message
 * before it; "no answer" is a message of a sequence that has ended, `quietDays` after its last touch.
 */
export async function listOutcomes(
	engine: Engine,
	campaignId: string,
	options: OutcomeOptions = {},
): Promise<DraftOutcome[]> {
	const now = (options.now ?? new Date()).getTime();
	const quietMs = (options.quietDays ?? 7) * 86_400_000;
	const { rows } = await engine.db.query<Row>(SQL, [campaignId]);
	const lastBefore = new Map<string, number>();
	for (const r of rows) {
		const unsubscribed = r.unsubscribed_at ? new Date(r.unsubscribed_at).getTime() : null;
		if (unsubscribed !== null && new Date(r.sent_at).getTime() <= unsubscribed) {
			lastBefore.set(r.prospect_id, Math.max(lastBefore.get(r.prospect_id) ?? 0, r.step));
		}
	}
	return rows.map((r) => {
		const base = {
			draftId: r.draft_id,
			prospectId: r.prospect_id,
			step: r.step,
			blueprintVersion: r.blueprint_version,
			variant: r.variant,
			sentAt: iso(r.sent_at)!,
			replyClass: r.reply_class,
			features: draftFeatures({
				subject: r.subject,
				bodyText: r.body_text,
				ctaType: r.cta_type,
				offsetDays: Number(r.send_offset_days),
				previousOffsetDays: r.previous_offset_days === null ? null : Number(r.previous_offset_days),
				recipient: r.recipient,
			}),
		};
		const answered = iso(r.answered_at);
		if (r.answer_kind === 'complaint')
			return { ...base, outcome: 'complained', outcomeAt: answered };
		if (r.answer_kind === 'hard_bounce' || r.bounced_at) {
			return { ...base, outcome: 'bounced', outcomeAt: answered ?? iso(r.bounced_at) };
		}
		if (lastBefore.get(r.prospect_id) === r.step) {
			return { ...base, outcome: 'unsubscribed', outcomeAt: iso(r.unsubscribed_at) };
		}
		if (r.answer_kind === 'reply') return { ...base, outcome: 'replied', outcomeAt: answered };
		const ended = !r.more_to_come && now - new Date(r.last_sent_at).getTime() >= quietMs;
		return { ...base, outcome: ended ? 'no_answer' : 'pending', outcomeAt: null };
	});
}
