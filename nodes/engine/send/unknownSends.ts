import { recordEvent } from '../audit/recordEvent';
import { invalidInput, notFound } from '../errors';
import type { Db } from '../store/Db';

/** An attempt whose answer was lost: the message may or may not have reached the prospect. */
export interface UnknownSend {
	attemptId: number;
	prospectId: string;
	step: number;
	recipient: string;
	mailbox: string;
	provider: string;
	/** The Message-ID the message carried: search the mailbox's Sent folder or the provider's log for it. */
	messageId: string;
	reason: string | null;
	handedAt: string | null;
}

/** The campaign's `unknown` attempts, oldest first, for a person to review. */
export async function listUnknownSends(db: Db, campaignId: string): Promise<UnknownSend[]> {
	const { rows } = await db.query<Record<string, unknown>>(
		`select id, prospect_id, step, recipient, mailbox, provider, message_id, reason, handed_at
		from send_attempts where campaign_id = $1 and status = 'unknown' order by updated_at, id`,
		[campaignId],
	);
	return rows.map((r) => ({
		attemptId: Number(r.id),
		prospectId: r.prospect_id as string,
		step: Number(r.step),
		recipient: r.recipient as string,
		mailbox: r.mailbox as string,
		provider: r.provider as string,
		messageId: r.message_id as string,
		reason: (r.reason as string) ?? null,
		handedAt: r.handed_at ? new Date(r.handed_at as string).toISOString() : null,
	}));
}

export type UnknownResolution = 'sent' | 'requeue';

/**
 * A person's decision on an `unknown` attempt, audited. `sent`: the message was found delivered —
 * the attempt and draft become sent and the next touch is scheduled from now. `requeue`: it was
 * found not delivered — the attempt is released and the draft is due again (the same Message-ID,
 * so a copy that did arrive threads with it). Only an `unknown` attempt can be resolved, once.
 */
export async function resolveUnknownSend(
	db: Db,
	input: { attemptId: number; resolution: UnknownResolution; actor?: string; note?: string },
): Promise<{ attemptId: number; campaignId: string; status: 'sent' | 'deferred' }> {
	if (!['sent', 'requeue'].includes(input.resolution))
		throw invalidInput(`Resolution must be "sent" or "requeue", got "${input.resolution}"`);
	if (!Number.isSafeInteger(input.attemptId) || input.attemptId <= 0)
		throw invalidInput(`Attempt ID must be a positive whole number, got "${input.attemptId}"`);
	return await db.transaction(async (tx) => {
		const { rows } = await tx.query<{ campaign_id: string; draft_id: string; status: string }>(
			'select campaign_id, draft_id, status from send_attempts where id = $1 for update',
			[input.attemptId],
		);
		if (!rows[0]) throw notFound(`No send attempt ${input.attemptId}`);
		if (rows[0].status !== 'unknown')
			throw invalidInput(
				`Send attempt ${input.attemptId} is ${rows[0].status}, not unknown`,
				'Only an attempt whose answer was lost can be resolved; list them with "List Unknown Sends".',
			);
		const status = input.resolution === 'sent' ? 'sent' : 'deferred';
		const reason = `${input.resolution === 'sent' ? 'marked sent' : 're-queued'} by ${input.actor ?? 'a reviewer'}${input.note ? `: ${input.note}` : ''}`;
		await tx.query(
			`update send_attempts set status = $2, reason = $3, resolved_by = $4, resolved_at = now(),
				updated_at = now(), sent_at = case when $2 = 'sent' then coalesce(handed_at, now()) end
			where id = $1`,
			[input.attemptId, status, reason, input.actor ?? null],
		);
		if (status === 'sent') {
			await tx.query(
				`with draft as (
					update drafts set status = 'sent', updated_at = now() where id = $1
					returning campaign_id, prospect_id, step, send_offset_days
				)
				update drafts n set due_at = greatest(n.due_at,
					now() + (n.send_offset_days - d.send_offset_days) * interval '1 day')
				from draft d where n.campaign_id = d.campaign_id and n.prospect_id = d.prospect_id
					and n.step = d.step + 1 and n.status = 'approved'`,
				[rows[0].draft_id],
			);
		} else {
			await tx.query("update drafts set due_at = now() where id = $1 and status = 'approved'", [
				rows[0].draft_id,
			]);
		}
		await recordEvent(tx, {
			campaignId: rows[0].campaign_id,
			type: 'unknown_send_resolved',
			actor: input.actor,
			data: { attemptId: input.attemptId, resolution: input.resolution, note: input.note ?? null },
		});
		return { attemptId: input.attemptId, campaignId: rows[0].campaign_id, status };
	});
}
