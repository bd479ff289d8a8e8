import { Batcher } from '../../util/batcher';
import type { HandOver, NotToSend, Sent } from '../attemptOutcome';
import type { Claim, Claimed } from '../claimDrafts';
import type { Blocking } from '../killSwitch';
import { LeaseKeeper } from './leaseKeeper';
import { SEND_DEFAULTS } from '../sendDefaults';
import type { Mailbox, SendOptions, SendSummary } from '../types';
import { deliver, type Delivery, prepareDelivery } from './delivery';
import type { RunPlan } from './runPlan';
import { settle } from './settle';
import { emptySummary, stoppedBy } from './runSummary';
import type { SendStore } from './SendStore';

/** Claims in a row that may lose every draft to other workers before the run ends. */
const CLAIM_RETRIES = 5;

/**
 * One run of the sender for one campaign: the state its stages share (summary, mailboxes found
 * blocked, failure counts, the lease keeper) and the stages as methods — claim, then per draft
 * precheck → hand over → deliver → settle (delivery.ts, settle.ts), and the auto-pauses. Storage
 * is the SendStore's, so every stage runs against memory in unit tests.
 */
export class SendRun {
	readonly summary = emptySummary();
	/** Mailboxes (lower-cased) found behind their kill switch or paused during this run. */
	readonly blocked = new Set<string>();
	failuresInARow = 0;
	/** Failures in a row per mailbox, and the mailboxes that have sent in this run. */
	readonly mailboxFailures = new Map<string, number>();
	readonly mailboxesThatSent = new Set<string>();
	readonly keeper: LeaseKeeper;
	/** Hand-overs and "sent" records of messages in flight go out in shared statements. */
	readonly handOvers: Batcher<{ c: Claimed; mailbox: string }, HandOver>;
	readonly sentRecords: Batcher<Sent, boolean>;
	readonly started = Date.now();

	constructor(
		readonly store: SendStore,
		readonly plan: RunPlan,
		readonly options: SendOptions,
		readonly sender: { name?: string; replyTo?: string },
	) {
		this.keeper = new LeaseKeeper(
			(ids) => store.renewLeases(plan.workerId, ids, plan.heartbeatLease),
			plan.heartbeatLease,
		);
		// One statement of each kind in flight: the rest gather behind it. With two, batches held 1.2
		// items on average and PostgreSQL spent 10-20 % more CPU per message (docs/benchmarks-history.md).
		this.handOvers = new Batcher((claims) => store.handOver(claims), 1);
		this.sentRecords = new Batcher((sent) => store.markSent(sent), 1);
	}

	/** Milliseconds left of the run's time budget (Infinity without one). */
	budgetLeft(): number {
		return (this.options.timeBudgetMs ?? Infinity) - (Date.now() - this.started);
	}

	/** Claims the next due drafts; a claim that lost every draft to other workers claims again. */
	async claimNext(): Promise<Claimed[]> {
		const switched = await this.store.blockingSwitch('');
		if (switched) {
			this.summary.stopped = stoppedBy(switched);
			return [];
		}
		const addresses = [...this.plan.mailboxes.keys()];
		for (const m of await this.store.blockedMailboxes(addresses)) this.blocked.add(m);
		// Drafts of a worker that died since this run started are taken over here, not at the next
		// run. Added after the await: `+=` on an await would lose the unknowns recorded meanwhile.
		const reaped = (await this.store.reapExpired()).unknown;
		this.summary.unknown += reaped;
		let claim: Claim = { claimed: [], selected: 0 };
		for (let i = 0; i < CLAIM_RETRIES && !claim.claimed.length; i++) {
			claim = await this.store.claim([...this.plan.mailboxes.values()], {
				limit: this.plan.batch,
				leaseSeconds: this.plan.heartbeatLease,
				workerId: this.plan.workerId,
				blocked: [...this.blocked],
			});
			if (!claim.selected) break;
		}
		this.keeper.hold(claim.claimed);
		return claim.claimed;
	}

	/** One claimed draft, from the last checks to its settled outcome. */
	async send(c: Claimed): Promise<void> {
		const delivery = await prepareDelivery(this, c);
		if (!delivery) return;
		for (let attempt = 0; ; attempt++) {
			const result = await deliver(this, delivery);
			if (result === 'settled') return;
			if ((await settle(this, delivery, result, attempt)) !== 'retry') return;
		}
	}

	/** Deferred to `retryAt` (null: due as it was); counted, or lost when the run no longer holds it. */
	async defer(
		c: Claimed,
		reason: keyof SendSummary['deferred'],
		detail: string,
		retryAt: Date | null,
	): Promise<void> {
		if (await this.store.markDeferred(c, `${reason}: ${detail}`, retryAt))
			this.summary.deferred[reason]++;
		else this.summary.lost++;
	}

	/** The last-moment checks said no: the step ends (suppressed) or waits (changed). */
	async notSent(c: Claimed, why: NotToSend): Promise<void> {
		if (why === 'changed')
			return await this.defer(
				c,
				'changed',
				'the draft changed or lost its approval since it was claimed',
				null,
			);
		const reason = 'suppressed' in why ? why.suppressed : `prospect ${why.prospect}`;
		if (await this.store.markEnded(c, 'suppressed', reason)) this.summary.suppressed++;
	}

	/** Not sent and never handed over: given back without a trace, so nothing churns. */
	async skip(c: Claimed): Promise<void> {
		this.summary.deferred.kill_switch++;
		await this.store.release([c]);
	}

	/** Whether the run still sends from this mailbox. */
	isBlocked(mailbox: Mailbox): boolean {
		return this.blocked.has(mailbox.address.toLowerCase());
	}

	/** The run sends nothing more from this mailbox. */
	block(mailbox: Mailbox): void {
		this.blocked.add(mailbox.address.toLowerCase());
	}

	/** A switch read on the way out: a mailbox's blocks that mailbox, any other stops the run. */
	blockBy(s: Blocking, mailbox: Mailbox): void {
		if (s.scope === 'mailbox') this.block(mailbox);
		else this.summary.stopped ??= stoppedBy(s);
	}

	async pause(why: string): Promise<void> {
		await this.store.pauseCampaign(why, this.options.actor);
		this.summary.stopped = `campaign paused: ${why}; resuming is a human decision`;
	}

	/** The bounce guard, between claims: too many hard bounces in 24 h pause the campaign. */
	async pauseOnBounces(): Promise<void> {
		const rule = this.options.autoPause;
		if (!rule || this.summary.stopped) return;
		const stats = await this.store.bounceStats();
		const bounced = stats.refused + stats.reported;
		const total = stats.sent + stats.refused;
		if (total >= rule.minSends && bounced / total > rule.bounceRate) {
			await this.pause(
				`bounce rate ${Math.round((bounced / total) * 1000) / 10} % over ${rule.bounceRate * 100} %`,
			);
		}
	}

	/** The failure guard, after each send: failures in a row that hit every mailbox pause the campaign. */
	async pauseOnFailures(): Promise<void> {
		const burst = this.options.autoPause?.errorBurst ?? SEND_DEFAULTS.autoPause.errorBurst;
		if (this.failuresInARow >= burst && !this.summary.stopped)
			await this.pause(`${this.failuresInARow} failed sends in a row`);
	}

	/**
	 * A failure of one mailbox's provider: once the burst is reached on it while another mailbox
	 * of the run sends, that mailbox is paused and the campaign's counter starts over, so a broken
	 * account stops itself rather than the campaign (one mailbox alone still pauses the campaign).
	 */
	async countMailboxFailure(address: string, provider: string, last: string): Promise<void> {
		const key = address.toLowerCase();
		const n = (this.mailboxFailures.get(key) ?? 0) + 1;
		this.mailboxFailures.set(key, n);
		const burst = this.options.autoPause?.errorBurst ?? SEND_DEFAULTS.autoPause.errorBurst;
		const othersSend = [...this.mailboxesThatSent].some((m) => m !== key && !this.blocked.has(m));
		if (n < burst || !othersSend || this.blocked.has(key)) return;
		this.blocked.add(key);
		this.failuresInARow = 0;
		await this.store.pauseMailbox({
			kind: 'failures',
			mailbox: address,
			provider,
			failures: n,
			last,
		});
	}

	/** A message the provider accepted. */
	async recordSent(d: Delivery, providerMessageId: string): Promise<void> {
		// Recorded outside the provider's error handling: a database error here is not a send
		// failure (the attempt stays handed over, and a reaper marks it unknown, never re-sent).
		await this.sentRecords.submit({ c: d.c, providerMessageId });
		this.summary.sent++;
		this.failuresInARow = 0;
		const key = d.mailbox.address.toLowerCase();
		this.mailboxFailures.set(key, 0);
		this.mailboxesThatSent.add(key);
	}
}
