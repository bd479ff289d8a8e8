import type { HandOver, NotToSend, Sent } from '../../nodes/engine/send/attemptOutcome';
import type { Claimed } from '../../nodes/engine/send/claimDrafts';
import type { Blocking, KillScope } from '../../nodes/engine/send/killSwitch';
import type { Slot } from '../../nodes/engine/send/rateLimiter';
import type {
	BounceStats,
	MailboxPause,
	SendStore,
	SenderRefusal,
} from '../../nodes/engine/send/run/SendStore';

type Status = 'sending' | 'sent' | 'deferred' | 'failed' | 'suppressed' | 'unknown';

interface Attempt {
	c: Claimed;
	status: Status;
	handed: boolean;
	reason?: string;
	retryAt?: Date | null;
	providerMessageId?: string;
}

/** A draft due for sending, as the claim would find it. */
export interface MemoryDraft {
	prospectId: string;
	to: string;
	step?: number;
	timezone?: string | null;
	due?: Date;
}

/**
 * The send run's storage in memory, with the rules the SQL implements kept as plain code: fenced
 * attempts, kill switches read at the hand-over, daily caps, scripted rate slots. Tests change its
 * state between stages (engage a switch, take a lease away, change a draft) and read what each
 * stage recorded. Each method call is logged by name in `calls`.
 */
export class MemorySendStore implements SendStore {
	readonly attempts = new Map<number, Attempt>();
	readonly drafts: Array<MemoryDraft & { id: string; claimed: boolean }> = [];
	readonly switches = new Map<string, string | null>();
	campaignStatus = 'active';
	/** Attempts another worker reaped (a lease that ran out): renewals and hand-overs refuse them. */
	readonly reaped = new Set<number>();
	/** Drafts edited or unapproved since their claim. */
	readonly changed = new Set<string>();
	readonly suppressed = new Map<string, string>();
	readonly daily = new Map<string, number>();
	/** Answers of reserveSlot, in order; then 0 ms (a free slot). */
	readonly slotWaits: number[] = [];
	readonly events: Array<{ type: string; data: unknown }> = [];
	readonly calls: string[] = [];
	stats: BounceStats = { sent: 0, refused: 0, reported: 0 };
	private nextId = 1;

	constructor(drafts: MemoryDraft[] = []) {
		drafts.forEach((d, i) => this.drafts.push({ ...d, id: `draft-${i + 1}`, claimed: false }));
	}

	private log(name: string) {
		this.calls.push(name);
	}

	private switchOf(mailbox: string): Blocking | null {
		for (const [scope, key] of [
			['global', 'global'],
			['campaign', 'campaign'],
			['mailbox', `mailbox:${mailbox.toLowerCase()}`],
		] as Array<[KillScope, string]>)
			if (this.switches.has(key)) return { scope, reason: this.switches.get(key) ?? null };
		if (this.campaignStatus !== 'active')
			return { scope: 'campaign', reason: null, campaignStatus: this.campaignStatus };
		return null;
	}

	async blockingSwitch(mailbox: string) {
		this.log('blockingSwitch');
		return this.switchOf(mailbox);
	}

	async blockedMailboxes(addresses: string[]) {
		return addresses.filter((a) => this.switches.has(`mailbox:${a.toLowerCase()}`));
	}

	async reapExpired() {
		return { unknown: 0 };
	}

	async claim(
		mailboxes: Parameters<SendStore['claim']>[0],
		options: Parameters<SendStore['claim']>[1],
	) {
		this.log('claim');
		const open = mailboxes.filter(
			(m) => !options.blocked.includes(m.mailbox.address.toLowerCase()),
		);
		const due = this.drafts.filter((d) => !d.claimed && (d.due ?? new Date(0)) <= new Date());
		const claimed: Claimed[] = [];
		for (const d of due.slice(0, open.length ? options.limit : 0)) {
			d.claimed = true;
			const c: Claimed = {
				attemptId: this.nextId++,
				workerId: options.workerId,
				draftId: d.id,
				prospectId: d.prospectId,
				step: d.step ?? 1,
				to: d.to,
				timezone: d.timezone ?? null,
				subject: `Hello ${d.prospectId}`,
				bodyText: 'Hi',
				bodyHtml: '<p>Hi</p>',
				contentHash: `hash-${d.id}`,
				mailbox: open[claimed.length % open.length].mailbox.address,
				messageId: `<${d.id}@x.example>`,
				thread: [],
				firstProviderMessageId: null,
			};
			this.attempts.set(c.attemptId, { c, status: 'sending', handed: false });
			claimed.push(c);
		}
		return { claimed, selected: claimed.length };
	}

	async renewLeases(_workerId: string, ids: number[]) {
		return new Set(ids.filter((id) => !this.reaped.has(id)));
	}

	async checkDraft(c: Claimed): Promise<NotToSend | null> {
		if (this.changed.has(c.draftId)) return 'changed';
		const why = this.suppressed.get(c.to);
		return why ? { suppressed: why } : null;
	}

	async takeDaily(caps: Array<{ key: string; perDay: number }>) {
		const full = caps.find((cap) => (this.daily.get(cap.key) ?? 0) >= cap.perDay);
		if (full) return full.key;
		for (const cap of caps) this.daily.set(cap.key, (this.daily.get(cap.key) ?? 0) + 1);
		return null;
	}

	async reserveSlot(_limits: unknown, maxWaitMs?: number): Promise<Slot> {
		const waitMs = this.slotWaits.shift() ?? 0;
		return { waitMs, reserved: maxWaitMs === undefined || waitMs <= maxWaitMs };
	}

	async handOver(claims: Array<{ c: Claimed; mailbox: string }>): Promise<HandOver[]> {
		this.log('handOver');
		return Promise.all(
			claims.map(async ({ c, mailbox }): Promise<HandOver> => {
				const attempt = this.attempts.get(c.attemptId)!;
				if (this.reaped.has(c.attemptId) || attempt.status !== 'sending') return 'lost';
				const blocking = this.switchOf(mailbox);
				if (blocking) return { blockedBy: blocking.scope };
				const why = await this.checkDraft(c);
				if (why) return why;
				attempt.handed = true;
				return 'handed';
			}),
		);
	}

	private settle(c: Claimed, status: Status, reason: string, fence: 'owned' | 'resolvable') {
		const attempt = this.attempts.get(c.attemptId);
		const held = attempt && !this.reaped.has(c.attemptId) && attempt.status === 'sending';
		// A refusal the provider stated is known even after a reaper marked the attempt unknown.
		const resolvable = attempt && fence === 'resolvable' && attempt.status === 'unknown';
		if (!attempt || !(held || resolvable)) return false;
		Object.assign(attempt, { status, reason });
		return true;
	}

	async markSent(sent: Sent[]) {
		return sent.map(({ c, providerMessageId }) => {
			const ok = this.settle(c, 'sent', 'sent', 'resolvable');
			if (ok) this.attempts.get(c.attemptId)!.providerMessageId = providerMessageId;
			return ok;
		});
	}

	async markDeferred(c: Claimed, reason: string, retryAt: Date | null) {
		const ok = this.settle(c, 'deferred', reason, 'resolvable');
		if (ok) this.attempts.get(c.attemptId)!.retryAt = retryAt;
		return ok;
	}

	async markEnded(c: Claimed, status: 'failed' | 'suppressed' | 'unknown', reason: string) {
		return this.settle(c, status, reason, status === 'suppressed' ? 'owned' : 'resolvable');
	}

	async release(claims: Claimed[]) {
		for (const c of claims) {
			const attempt = this.attempts.get(c.attemptId);
			if (attempt?.status === 'sending' && !attempt.handed) {
				this.attempts.delete(c.attemptId);
				this.drafts.find((d) => d.id === c.draftId)!.claimed = false;
			}
		}
	}

	async bounceStats() {
		return this.stats;
	}

	async pauseCampaign(reason: string) {
		this.campaignStatus = 'paused';
		this.events.push({ type: 'campaign_auto_paused', data: { reason } });
	}

	async pauseMailbox(pause: MailboxPause) {
		this.switches.set(`mailbox:${pause.mailbox.toLowerCase()}`, pause.kind);
		this.events.push({ type: 'mailbox_paused', data: pause });
	}

	async recordSenderRefusal(refusal: SenderRefusal) {
		this.events.push({ type: 'sender_refused', data: refusal });
		return false;
	}

	async suppressHardBounce(c: Claimed, reason: string) {
		this.suppressed.set(c.to, reason);
		this.events.push({ type: 'suppressed', data: { address: c.to, reason } });
	}

	async nextDue() {
		return null;
	}

	/** The attempts' statuses, by the draft's prospect. */
	statuses(): Record<string, Status> {
		return Object.fromEntries([...this.attempts.values()].map((a) => [a.c.prospectId, a.status]));
	}
}
