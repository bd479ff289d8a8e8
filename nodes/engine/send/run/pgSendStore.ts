import { recordEvent } from '../../audit/recordEvent';
import type { Db } from '../../store/Db';
import { freshStatistics } from '../../store/freshStatistics';
import { NEXT_DUE_SQL } from '../../store/sendPredicates';
import {
	checkDraft,
	handOver,
	markDeferred,
	markEnded,
	markSent,
	reapExpired,
	release,
	renewLeases,
} from '../attemptOutcome';
import { enhancedStatus } from '../bounce/statusCode';
import { claimDrafts } from '../claimDrafts';
import { blockedMailboxes, blockingSwitch } from '../killSwitch';
import { pauseForCredential, pauseForFailures, recordSenderRefusal } from '../mailboxHealth';
import { reserveSlot, takeDaily } from '../rateLimiter';
import { addSuppression } from '../suppressions';
import type { SendStore } from './SendStore';

/** The send run's storage in PostgreSQL (or PGlite): the statements the integration tests prove. */
export function pgSendStore(db: Db, campaignId: string): SendStore {
	// Attempts the run claims, counted toward the next ANALYZE: its named statements are planned
	// once per connection, and only an ANALYZE has them planned again for the grown campaign.
	let statistics: Promise<(claimed: number) => Promise<void>> | undefined;
	return {
		blockingSwitch: (mailbox) => blockingSwitch(db, campaignId, mailbox),
		blockedMailboxes: (addresses) => blockedMailboxes(db, addresses),
		reapExpired: () => reapExpired(db, campaignId),
		async claim(mailboxes, options) {
			const claim = await claimDrafts(db, campaignId, mailboxes, options);
			// The claim holds its drafts already: a failed ANALYZE costs the plans, not the claim.
			statistics ??= freshStatistics(db, 'send_attempts', campaignId);
			await statistics
				.then((analyzeIfGrown) => analyzeIfGrown(claim.claimed.length))
				.catch(() => undefined);
			return claim;
		},
		renewLeases: (workerId, ids, seconds) => renewLeases(db, workerId, ids, seconds),
		checkDraft: (c) => checkDraft(db, c),
		takeDaily: (caps, c) => db.transaction((tx) => takeDaily(tx, caps, c)),
		reserveSlot: (limits, maxWaitMs) => reserveSlot(db, limits, maxWaitMs ?? null),
		handOver: (claims) => handOver(db, campaignId, claims),
		markSent: (sent) => markSent(db, campaignId, sent),
		markDeferred: (c, reason, retryAt) => markDeferred(db, c, reason, retryAt),
		markEnded: (c, status, reason) => markEnded(db, c, status, reason),
		release: (claims) => release(db, claims),
		async bounceStats() {
			const { rows } = await db.query<{ sent: number; refused: number; reported: number }>(
				// Hard bounces refused at the hand-over (failed), and sent ones a DSN reported later
				// (intake): both marked by the same taxonomy (send/bounce/), never by matching text here.
				`select count(*) filter (where status = 'sent')::int as sent,
					count(*) filter (where status = 'failed' and bounced_at is not null)::int as refused,
					count(*) filter (where status = 'sent' and bounced_at is not null)::int as reported
				from send_attempts where campaign_id = $1 and updated_at > now() - interval '24 hours'`,
				[campaignId],
			);
			const r = rows[0];
			return { sent: Number(r.sent), refused: Number(r.refused), reported: Number(r.reported) };
		},
		async pauseCampaign(reason, actor) {
			await db.query(
				"update campaigns set status = 'paused', updated_at = now() where id = $1 and status = 'active'",
				[campaignId],
			);
			await recordEvent(db, {
				campaignId,
				type: 'campaign_auto_paused',
				actor,
				data: { reason },
			});
		},
		async pauseMailbox(pause) {
			if (pause.kind === 'credential') await pauseForCredential(db, { ...pause, campaignId });
			else await pauseForFailures(db, { ...pause, campaignId });
		},
		async recordSenderRefusal(r) {
			const paused = await recordSenderRefusal(db, {
				...r,
				campaignId,
				status: enhancedStatus(r.diagnostic),
				source: 'smtp',
			});
			return paused !== null;
		},
		async suppressHardBounce(c, reason, source) {
			await db.query(
				'update send_attempts set bounced_at = coalesce(bounced_at, now()), bounce_status = $2 where id = $1',
				[c.attemptId, enhancedStatus(reason) ?? '5.0.0'],
			);
			await addSuppression(db, { kind: 'hard_bounce', value: c.to, reason, source });
		},
		async nextDue() {
			const { rows } = await db.query<{ next: string | null }>(NEXT_DUE_SQL, [campaignId]);
			return rows[0]?.next ? new Date(rows[0].next).toISOString() : null;
		},
	};
}
