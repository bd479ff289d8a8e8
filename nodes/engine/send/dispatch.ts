import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

import { recordEvent } from '../audit/recordEvent';
import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import { invalidInput } from '../errors';
import { emailDomain } from '../mail/emailAddress';
import {
	checkDraft,
	handOver,
	markDeferred,
	markEnded,
	markSent,
	type NotToSend,
	type Sent,
	reapExpired,
	release,
} from './attemptOutcome';
import { buildMessage } from './buildMessage';
import { type Claim, type Claimed, claimDrafts } from './claimDrafts';
import { claimSize, inFlightLimit, providerSlots } from './claimSize';
import { dkimAligned } from './deliverability/dkimKey';
import { blockedMailboxes, blockingSwitch } from './killSwitch';
import { enhancedStatus } from './bounce/statusCode';
import { LeaseKeeper } from './leaseKeeper';
import { pauseForCredential, pauseForFailures, recordSenderRefusal } from './mailboxHealth';
import { type Provider, ProviderError } from './providers/Provider';
import { reserveSlot, takeDaily } from './rateLimiter';
import { nextWindowStart } from './sendingWindow';
import { providersOf, type Route, routeTable, routesOf } from './sendRoutes';
import { checkUnsubscribeSettings } from './unsubscribeSettings';
import { addSuppression } from './suppressions';
import type { Mailbox, SendOptions, SendSummary } from './types';
import { Batcher } from '../util/batcher';
import { Semaphore } from '../util/semaphore';

const HOUR = 3_600_000;
/**
 * How long before its slot a send reads the kill switches: well under the 100 ms promise, and long
 * enough that a slow database answer rarely makes the message late for its slot.
 */
const SWITCH_READ_AHEAD_MS = 40;
/** The oldest a reading of the kill switches may be when its message leaves; older, it is read again. */
const SWITCHES_FRESH_MS = 60;
/**
 * How late past its slot a message may still leave: the slots' 3 % headroom is 30 ms a second, half
 * of it for a late start here, half for the way to the receiver.
 */
const LATE_MS = 15;
/** New slots a late message may take before it goes anyway (a process too slow to ever be on time). */
const MAX_RESLOTS = 3;
/** The longest a claimed message waits for its rate slot before it is deferred instead. */
const MAX_SLOT_WAIT_MS = 10 * 60_000;
/**
 * The longest Retry-After a run waits out itself (RFC 9110: seconds or an HTTP date); a longer one
 * defers the draft to the time the provider named.
 */
export const MAX_RETRY_WAIT_MS = 60_000;
/** The lease of a claim, renewed by the run's heartbeat every third of it (10 s). */
export const HEARTBEAT_LEASE_SECONDS = 30;
/** Claims in a row that may lose every draft to other workers before the run ends. */
const CLAIM_RETRIES = 5;

/** Why a run stopped, for a switch that stops it. */
const stoppedBy = (s: { scope: string; reason?: string | null; campaignStatus?: string }) =>
	s.campaignStatus
		? `campaign ${s.campaignStatus}`
		: `kill switch engaged (${s.scope}${s.reason ? `: ${s.reason}` : ''})`;

/** Sending refuses to start without what every marketing message must carry. */
function checkOptions(o: SendOptions, routes: Route[]): void {
	const c = o.compliance;
	if (!c.postalAddress?.trim()) {
		throw invalidInput(
			"Sending needs the sender's postal address",
			'Set it on the campaign (sender postal address): the law and the Gmail/Yahoo rules require it in every message.',
		);
	}
	checkUnsubscribeSettings(
		{ unsubscribeUrl: c.unsubscribeUrl ?? '', secret: c.secret },
		routes.some((r) => r.provider.name !== 'outbox'),
	);
	if (!routes.some((r) => r.mailboxes.length))
		throw invalidInput('Give at least one sending mailbox');
	for (const { provider, mailboxes } of routes) {
		const signer = provider.signingDomain;
		const unaligned = signer && mailboxes.find((m) => !dkimAligned(signer, m.address));
		if (unaligned)
			throw invalidInput(
				`The mailbox ${unaligned.address} is outside the DKIM signing domain ${signer}`,
				"DMARC passes only when the signature's domain matches the From domain: use a DKIM key of that domain, or send from an address of this one.",
			);
	}
}

/** Today's cap of a mailbox: its daily cap, or less while it warms up. */
export function mailboxCap(m: Mailbox, now = new Date()): number {
	const cap = m.perDay ?? Infinity;
	if (!m.warmup) return cap;
	const days = Math.max(
		0,
		Math.floor((now.getTime() - new Date(m.warmup.startedAt).getTime()) / 86_400_000),
	);
	return Math.min(cap, m.warmup.startPerDay + days * m.warmup.increasePerDay);
}

/**
 * One run of the sender for a campaign: reap attempts of dead workers, then claim due drafts and
 * send up to `concurrency` at once — kill switches, suppressions and the approved hash checked
 * right before each send, limits shared with every other worker through the database, every
 * change of an attempt fenced by this run's claim and kept alive by a heartbeat. Returns what
 * happened and when the next draft is due, so a Schedule-triggered workflow can loop.
 */
export async function dispatch(engine: Engine, options: SendOptions): Promise<SendSummary> {
	const routes = routesOf(options);
	checkOptions(options, routes);
	const campaign = await loadCampaign(engine.db, options.campaignId);
	const { db } = engine;
	// Unique per run, even for a named worker: the fence of every attempt this run claims. The
	// default names the host and process, so the ledger tells which n8n worker sent what.
	const workerId = `${options.workerId ?? `${hostname()}:${process.pid}`}/${randomUUID()}`;
	const leaseSeconds = options.leaseSeconds ?? 300;
	// The lease a claim carries is the heartbeat's: renewed every third of it while the run lives,
	// so a dead worker's drafts are free for others HEARTBEAT_LEASE_SECONDS after its last beat
	// rather than after the claim's whole horizon (`leaseSeconds` still sizes the claims).
	const heartbeatLease = Math.min(leaseSeconds, HEARTBEAT_LEASE_SECONDS);
	const limits = options.limits ?? {};
	const concurrency = inFlightLimit(options);
	// Each way out has its own connections: a slow Gmail API does not hold SMTP sends back.
	const slots = new Map(
		providersOf(routes).map((p) => [
			p,
			{
				provider: new Semaphore(providerSlots(options, p)),
				handOver: new Semaphore(2 * providerSlots(options, p)),
			},
		]),
	);
	const batch = claimSize(options, leaseSeconds);
	const started = Date.now();
	const summary: SendSummary = {
		sent: 0,
		deferred: {
			limit: 0,
			window: 0,
			kill_switch: 0,
			throttled: 0,
			transient: 0,
			changed: 0,
			credential: 0,
		},
		failed: 0,
		suppressed: 0,
		unknown: 0,
		lost: 0,
		blockedMailboxes: [],
		stopped: null,
		nextDueAt: null,
	};
	const mailboxes = routeTable(routes);
	/** Mailboxes found behind their kill switch during this run: their drafts are skipped. */
	const blocked = new Set<string>();
	let failuresInARow = 0;
	/** Failures in a row per mailbox, and which mailboxes have sent in this run. */
	const mailboxFailures = new Map<string, number>();
	const mailboxesThatSent = new Set<string>();
	await Promise.all(providersOf(routes).map((p) => p.warmUp?.()));
	const keeper = new LeaseKeeper(db, workerId, heartbeatLease);
	// With several messages in flight, their hand-overs and "sent" records go out in shared
	// statements: the round trips, not the SQL, are most of the send path's cost.
	const handOvers = new Batcher((claims: Array<{ c: Claimed; mailbox: string }>) =>
		handOver(db, campaign.id, claims),
	);
	const sentRecords = new Batcher((sent: Sent[]) => markSent(db, campaign.id, sent));

	const defer = async (
		c: Claimed,
		reason: keyof SendSummary['deferred'],
		detail: string,
		retryAt: Date | null,
	) => {
		if (await markDeferred(db, c, `${reason}: ${detail}`, retryAt)) summary.deferred[reason]++;
		else summary.lost++;
	};

	/** The last-moment checks said no: the step ends (suppressed) or waits (changed). */
	const notSent = async (c: Claimed, why: NotToSend) => {
		if (why === 'changed')
			return await defer(
				c,
				'changed',
				'the draft changed or lost its approval since it was claimed',
				null,
			);
		const reason = 'suppressed' in why ? why.suppressed : `prospect ${why.prospect}`;
		if (await markEnded(db, c, 'suppressed', reason)) summary.suppressed++;
	};

	/** Not sent and never handed over: given back without a trace, so nothing churns. */
	const skip = async (c: Claimed) => {
		summary.deferred.kill_switch++;
		await release(db, [c]);
	};

	const pause = async (why: string) => {
		await db.query(
			"update campaigns set status = 'paused', updated_at = now() where id = $1 and status = 'active'",
			[campaign.id],
		);
		await recordEvent(db, {
			campaignId: campaign.id,
			type: 'campaign_auto_paused',
			actor: options.actor,
			data: { reason: why },
		});
		summary.stopped = `campaign paused: ${why}; resuming is a human decision`;
	};

	const checkBounceRate = async () => {
		if (!options.autoPause || summary.stopped) return;
		const { rows } = await db.query<{ sent: number; refused: number; reported: number }>(
			// Bounces refused at the hand-over (failed), and sent ones a DSN reported later (intake).
			`select count(*) filter (where status = 'sent')::int as sent,
				count(*) filter (where status = 'failed' and error ~* '5\\.1\\.|user unknown|no such user|does not exist')::int as refused,
				count(*) filter (where status = 'sent' and bounced_at is not null)::int as reported
			from send_attempts where campaign_id = $1 and updated_at > now() - interval '24 hours'`,
			[campaign.id],
		);
		const bounced = Number(rows[0].refused) + Number(rows[0].reported);
		const total = Number(rows[0].sent) + Number(rows[0].refused);
		if (total >= options.autoPause.minSends && bounced / total > options.autoPause.bounceRate) {
			await pause(
				`bounce rate ${Math.round((bounced / total) * 1000) / 10} % over ${options.autoPause.bounceRate * 100} %`,
			);
		}
	};

	/**
	 * A failure of one mailbox's provider: once the burst is reached on it while another mailbox
	 * of the run sends, that mailbox is paused and the campaign's counter starts over, so a broken
	 * account stops itself rather than the campaign (one mailbox alone still pauses the campaign).
	 */
	const countMailboxFailure = async (address: string, providerName: string, last: string) => {
		const key = address.toLowerCase();
		const n = (mailboxFailures.get(key) ?? 0) + 1;
		mailboxFailures.set(key, n);
		const burst = options.autoPause?.errorBurst ?? 10;
		const othersSend = [...mailboxesThatSent].some((m) => m !== key && !blocked.has(m));
		if (n < burst || !othersSend || blocked.has(key)) return;
		blocked.add(key);
		failuresInARow = 0;
		await pauseForFailures(db, {
			mailbox: address,
			provider: providerName,
			campaignId: campaign.id,
			failures: n,
			last,
		});
	};

	/** One claimed draft, from the last checks to the provider's answer. */
	const sendOne = async (c: Claimed): Promise<void> => {
		// Claims only name this run's mailboxes (a follow-up waits for a run that has its mailbox).
		const { mailbox, provider } = mailboxes.get(c.mailbox.toLowerCase()) as {
			mailbox: Mailbox;
			provider: Provider;
		};
		const slot = slots.get(provider) as { provider: Semaphore; handOver: Semaphore };
		if (summary.stopped || blocked.has(mailbox.address.toLowerCase())) return await skip(c);
		if (keeper.isLost(c)) {
			summary.lost++;
			return;
		}
		const domain = emailDomain(c.to);
		const outside = options.window ? nextWindowStart(options.window, c.timezone) : null;
		if (outside)
			return await defer(
				c,
				'window',
				`outside the sending window for ${c.timezone ?? options.window?.defaultTimezone}`,
				outside,
			);
		const caps = [
			{ key: `mailbox:${mailbox.address.toLowerCase()}`, perDay: mailboxCap(mailbox) },
			{ key: 'global', perDay: limits.globalPerDay ?? Infinity },
			{ key: `domain:${domain}`, perDay: limits.domainPerDay ?? Infinity },
		].filter((cap) => Number.isFinite(cap.perDay));
		const perSecond = [
			{ key: 'global', perSecond: limits.globalPerSecond ?? 0 },
			{ key: `provider:${provider.name}`, perSecond: limits.providerPerSecond ?? 0 },
			{ key: `mailbox:${mailbox.address.toLowerCase()}`, perSecond: mailbox.perSecond ?? 0 },
			{ key: `domain:${domain}`, perSecond: limits.domainPerSecond ?? 0 },
		].filter((l) => l.perSecond > 0);
		// The hand-over checks the draft, the prospect and suppressions in its own statement; when a
		// limit is about to be spent on the message, they are checked before it as well.
		if (caps.length || perSecond.length) {
			const found = await checkDraft(db, c);
			if (found) return await notSent(c, found);
		}
		const full = caps.length ? await db.transaction((tx) => takeDaily(tx, caps, c)) : null;
		if (full)
			return await defer(c, 'limit', `daily cap of ${full} reached`, new Date(Date.now() + HOUR));
		// Leases are renewed while the run lives, so a message may wait for its slot as long as the
		// run goes on (capped, so a run without a time budget still hands back far-off drafts). A
		// slot further off is not taken: the draft is deferred and the slot stays for a sendable one.
		const budgetLeft = (options.timeBudgetMs ?? Infinity) - (Date.now() - started);
		const slotTaken = await reserveSlot(db, perSecond, Math.min(budgetLeft, MAX_SLOT_WAIT_MS));
		if (!slotTaken.reserved)
			return await defer(
				c,
				'limit',
				`next slot in ${Math.round(slotTaken.waitMs / 1000)} s`,
				new Date(Date.now() + slotTaken.waitMs),
			);
		let slotAt = Date.now() + slotTaken.waitMs;
		let reslots = 0;
		let handed = false;
		const message = buildMessage(
			{ ...c, campaignId: campaign.id },
			{
				address: mailbox.address,
				name: mailbox.name ?? campaign.sender.name,
				replyTo: mailbox.replyTo ?? campaign.sender.replyTo,
			},
			options.compliance,
		);
		// The MIME is built and the switches read while waiting, so the hand-over lands on the slot.
		const prepared = await provider.prepare?.(message);

		let switchesReadAt = 0;
		/** The hand-over, once: false when the message will not leave (its attempt is recorded). */
		const handOverOnce = async (): Promise<boolean> => {
			if (handed) return true;
			// Read right before the hand-over (and recorded with it): once engaged, no send starts;
			// and only while this run still holds the claim's lease.
			const outcome = await handOvers.submit({ c, mailbox: mailbox.address });
			switchesReadAt = Date.now();
			if (outcome === 'lost') {
				summary.lost++;
				return false;
			}
			if (outcome !== 'handed') {
				if (outcome === 'changed' || !('blockedBy' in outcome)) await notSent(c, outcome);
				else {
					if (outcome.blockedBy === 'mailbox') blocked.add(mailbox.address.toLowerCase());
					else {
						const s = await blockingSwitch(db, campaign.id, mailbox.address);
						summary.stopped ??= stoppedBy(s ?? { scope: outcome.blockedBy });
					}
					await skip(c);
				}
				return false;
			}
			handed = true;
			return true;
		};

		/** From the rate slot to the provider's answer; 'settled' when a switch stopped it. */
		const waitAndSend = async (): Promise<
			'settled' | { providerMessageId: string } | { error: ProviderError }
		> => {
			for (;;) {
				const rest = slotAt - Date.now();
				if (rest > 0) await sleep(rest);
				else if (perSecond.length && -rest > LATE_MS && reslots < MAX_RESLOTS) {
					// This process or the database paused past the slot: sent now, the message would land
					// within 1/N s of the next worker's, so it takes a fresh slot (the missed one stays empty).
					reslots++;
					slotAt = Date.now() + (await reserveSlot(db, perSecond)).waitMs;
					continue;
				}
				break;
			}
			if (Date.now() - switchesReadAt > SWITCHES_FRESH_MS) {
				// A fresh slot or a busy connection kept the message past its hand-over's reading of
				// the switches: read them again.
				const s = await blockingSwitch(db, campaign.id, mailbox.address);
				switchesReadAt = Date.now();
				if (s) {
					if (s.scope === 'mailbox') blocked.add(mailbox.address.toLowerCase());
					else summary.stopped ??= stoppedBy(s);
					await defer(c, 'kill_switch', s.scope, null);
					return 'settled';
				}
			}
			try {
				return await provider.send(message, prepared);
			} catch (error) {
				// Anything but a classified refusal may have happened after the message left.
				return {
					error:
						error instanceof ProviderError
							? error
							: new ProviderError('ambiguous', (error as Error).message),
				};
			}
		};

		/**
		 * Under a per-second limit a message holds a provider slot from its hand-over to the answer,
		 * so it leaves on its rate slot. Without one, its hand-over overlaps the send before it on
		 * the same connection: at most one message waits handed over per provider slot, so a killed
		 * worker leaves few of them `unknown`.
		 */
		const handAndSend = () =>
			perSecond.length
				? slot.provider.run(async () => ((await handOverOnce()) ? await waitAndSend() : 'settled'))
				: slot.handOver.run(async () =>
						(await handOverOnce()) ? await slot.provider.run(waitAndSend) : 'settled',
					);

		for (let attempt = 0; ; attempt++) {
			if (!handed) {
				const early = slotAt - Date.now() - SWITCH_READ_AHEAD_MS;
				if (early > 0) await sleep(early);
			}
			const result = await handAndSend();
			if (result === 'settled') return;
			if ('providerMessageId' in result) {
				// Recorded outside the provider's error handling: a database error here is not a send
				// failure (the attempt stays handed over, and a reaper marks it unknown, never re-sent).
				await sentRecords.submit({ c, providerMessageId: result.providerMessageId });
				summary.sent++;
				failuresInARow = 0;
				mailboxFailures.set(mailbox.address.toLowerCase(), 0);
				mailboxesThatSent.add(mailbox.address.toLowerCase());
				return;
			}
			const e = result.error;
			if (e.kind === 'credential') {
				// Nothing left: the draft stays due (deferred, never failed), the mailbox is paused.
				blocked.add(mailbox.address.toLowerCase());
				await pauseForCredential(db, {
					mailbox: mailbox.address,
					provider: provider.name,
					campaignId: campaign.id,
					detail: e.message,
				});
				return await defer(c, 'credential', e.message, null);
			}
			if (e.kind === 'throttled') {
				// Retry-After is honoured: waited out in the run up to a bound, beyond it (or beyond the
				// run's time) the draft is deferred to that time, so the provider is not asked earlier.
				const wait = e.options.retryAfterMs ?? 500 * 2 ** attempt;
				const budgetLeft = (options.timeBudgetMs ?? Infinity) - (Date.now() - started);
				if (
					attempt < (options.maxRetries ?? 3) &&
					wait <= Math.min(MAX_RETRY_WAIT_MS, budgetLeft)
				) {
					await sleep(wait);
					continue;
				}
				return await defer(
					c,
					'throttled',
					`${e.message} (retry after ${Math.ceil(wait / 1000)} s)`,
					new Date(Date.now() + Math.max(wait, e.options.retryAfterMs ? 0 : 5 * 60_000)),
				);
			}
			// A refusal of the sender is the mailbox's problem, counted toward its health below; the
			// campaign's burst counter is for failures that would hit every mailbox alike.
			const senderRefused = e.kind === 'permanent' && e.options.consequence === 'sender';
			failuresInARow += senderRefused ? 0 : 1;
			// An address that does not exist says nothing about the mailbox that tried it.
			const addressRefused = e.kind === 'permanent' && e.options.bounce;
			if (!senderRefused && !addressRefused)
				await countMailboxFailure(mailbox.address, provider.name, e.message);
			if (e.kind === 'ambiguous') {
				// Counted after the await: `x += await y` would read x before awaiting and lose the
				// counts of sends that finished meanwhile.
				if (await markEnded(db, c, 'unknown', e.message)) summary.unknown++;
				return;
			}
			if (e.kind === 'permanent') {
				if (await markEnded(db, c, 'failed', e.message)) summary.failed++;
				if (e.options.bounce)
					await addSuppression(db, {
						kind: 'hard_bounce',
						value: c.to,
						reason: e.message,
						source: provider.name,
					});
				if (senderRefused) {
					const paused = await recordSenderRefusal(db, {
						address: c.to,
						mailbox: mailbox.address,
						campaignId: campaign.id,
						reason: e.options.reason ?? 'rejected',
						status: enhancedStatus(e.message),
						diagnostic: e.message,
						source: 'smtp',
					});
					if (paused) blocked.add(mailbox.address.toLowerCase());
				}
				return;
			}
			return await defer(c, 'transient', e.message, new Date(Date.now() + 5 * 60_000));
		}
	};

	/** Claims the next due drafts; a claim that lost every draft to other workers claims again. */
	const claimNext = async (): Promise<Claimed[]> => {
		const switched = await blockingSwitch(db, campaign.id, '');
		if (switched) {
			summary.stopped = stoppedBy(switched);
			return [];
		}
		for (const m of await blockedMailboxes(db, [...mailboxes.keys()])) blocked.add(m);
		// Drafts of a worker that died since this run started are taken over here, not at the next run.
		// Added after the await: `+=` on an await would lose the unknowns recorded meanwhile.
		const reaped = (await reapExpired(db, campaign.id)).unknown;
		summary.unknown += reaped;
		let claim: Claim = { claimed: [], selected: 0 };
		for (let i = 0; i < CLAIM_RETRIES && !claim.claimed.length; i++) {
			claim = await claimDrafts(db, campaign.id, [...mailboxes.values()], {
				limit: batch,
				leaseSeconds: heartbeatLease,
				workerId,
				blocked: [...blocked],
			});
			if (!claim.selected) break;
		}
		keeper.hold(claim.claimed);
		return claim.claimed;
	};

	const queue: Claimed[] = [];
	const inFlight = new Set<Promise<void>>();
	let failure: unknown = null;
	keeper.start();
	try {
		while (!summary.stopped && failure === null) {
			if (!queue.length) {
				await checkBounceRate();
				if (summary.stopped || Date.now() - started >= (options.timeBudgetMs ?? Infinity)) break;
				queue.push(...(await claimNext()));
				if (!queue.length) break;
			}
			if (inFlight.size >= concurrency) await Promise.race(inFlight);
			if (summary.stopped || failure !== null) break;
			const c = queue.shift() as Claimed;
			const running: Promise<void> = sendOne(c)
				.catch((error: unknown) => {
					failure ??= error;
				})
				.finally(async () => {
					inFlight.delete(running);
					keeper.drop(c);
					const burst = options.autoPause?.errorBurst ?? 10;
					if (failuresInARow >= burst && !summary.stopped)
						await pause(`${failuresInARow} failed sends in a row`);
				});
			inFlight.add(running);
		}
		await Promise.all(inFlight);
	} finally {
		await keeper.stop();
		// Claimed but never started (stopped, or out of time): given back for the next run.
		await release(db, queue.splice(0)).catch(() => undefined);
	}
	if (failure !== null) throw failure;
	const { rows } = await db.query<{ next: string | null }>(
		`select min(d.due_at) as next from drafts d join prospects p on p.id = d.prospect_id and p.status = 'active'
		where d.campaign_id = $1 and d.status = 'approved' and d.content_hash = d.approved_hash`,
		[campaign.id],
	);
	summary.blockedMailboxes = [...blocked].sort();
	summary.nextDueAt = rows[0]?.next ? new Date(rows[0].next).toISOString() : null;
	return summary;
}
