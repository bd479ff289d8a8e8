import { setTimeout as sleep } from 'node:timers/promises';

import { emailDomain } from '../../mail/emailAddress';
import { buildMessage } from '../buildMessage';
import type { Claimed } from '../claimDrafts';
import { type OutgoingMessage, type Provider, ProviderError } from '../providers/Provider';
import type { RateLimit } from '../rateLimiter';
import { nextWindowStart } from '../sendingWindow';
import type { Mailbox } from '../types';
import { mailboxCap } from './mailboxCap';
import type { ProviderSlots } from './runPlan';
import { stoppedBy } from './runSummary';
import type { SendRun } from './SendRun';

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

/** A claimed draft that passed the prechecks, on its way to the provider. */
export interface Delivery {
	c: Claimed;
	mailbox: Mailbox;
	provider: Provider;
	slot: ProviderSlots;
	perSecond: RateLimit[];
	/** When its rate slot comes (ms since the epoch). */
	slotAt: number;
	reslots: number;
	handed: boolean;
	switchesReadAt: number;
	message: OutgoingMessage;
	prepared: unknown;
}

/** The provider's answer, or 'settled' when the message will not leave (its attempt recorded). */
export type DeliveryResult = 'settled' | { providerMessageId: string } | { error: ProviderError };

/**
 * The prechecks of a claimed draft — the run still sending from its mailbox, the lease held, the
 * sending window, the daily caps, a rate slot within reach — then its message built and prepared.
 * Undefined when it will not leave in this run (its attempt is recorded).
 */
export async function prepareDelivery(run: SendRun, c: Claimed): Promise<Delivery | undefined> {
	const { options, store, summary } = run;
	// Claims only name this run's mailboxes (a follow-up waits for a run that has its mailbox).
	const { mailbox, provider } = run.plan.mailboxes.get(c.mailbox.toLowerCase())!;
	if (summary.stopped || run.isBlocked(mailbox)) return void (await run.skip(c));
	if (run.keeper.isLost(c)) return void summary.lost++;
	const outside = options.window ? nextWindowStart(options.window, c.timezone) : null;
	if (outside) {
		const zone = c.timezone ?? options.window?.defaultTimezone;
		return void (await run.defer(c, 'window', `outside the sending window for ${zone}`, outside));
	}
	const limits = options.limits ?? {};
	const domain = emailDomain(c.to);
	const key = mailbox.address.toLowerCase();
	const caps = [
		{ key: `mailbox:${key}`, perDay: mailboxCap(mailbox) },
		{ key: 'global', perDay: limits.globalPerDay ?? Infinity },
		{ key: `domain:${domain}`, perDay: limits.domainPerDay ?? Infinity },
	].filter((cap) => Number.isFinite(cap.perDay));
	const perSecond = [
		{ key: 'global', perSecond: limits.globalPerSecond ?? 0 },
		{ key: `provider:${provider.name}`, perSecond: limits.providerPerSecond ?? 0 },
		{ key: `mailbox:${key}`, perSecond: mailbox.perSecond ?? 0 },
		{ key: `domain:${domain}`, perSecond: limits.domainPerSecond ?? 0 },
	].filter((l) => l.perSecond > 0);
	// The hand-over checks the draft, the prospect and suppressions in its own statement; when a
	// limit is about to be spent on the message, they are checked before it as well.
	if (caps.length || perSecond.length) {
		const found = await store.checkDraft(c);
		if (found) return void (await run.notSent(c, found));
	}
	const full = caps.length ? await store.takeDaily(caps, c) : null;
	if (full)
		return void (await run.defer(
			c,
			'limit',
			`daily cap of ${full} reached`,
			new Date(Date.now() + HOUR),
		));
	// Leases are renewed while the run lives, so a message may wait for its slot as long as the
	// run goes on (capped, so a run without a time budget still hands back far-off drafts). A
	// slot further off is not taken: the draft is deferred and the slot stays for a sendable one.
	const slot = await store.reserveSlot(perSecond, Math.min(run.budgetLeft(), MAX_SLOT_WAIT_MS));
	if (!slot.reserved) {
		const at = new Date(Date.now() + slot.waitMs);
		return void (await run.defer(
			c,
			'limit',
			`next slot in ${Math.round(slot.waitMs / 1000)} s`,
			at,
		));
	}
	const slotAt = Date.now() + slot.waitMs;
	const from = {
		address: mailbox.address,
		name: mailbox.name ?? run.sender.name,
		replyTo: mailbox.replyTo ?? run.sender.replyTo,
	};
	const message = buildMessage({ ...c, campaignId: options.campaignId }, from, options.compliance);
	// The MIME is built and the switches read while waiting, so the hand-over lands on the slot.
	const prepared = await provider.prepare?.(message);
	const slots = run.plan.slots.get(provider)!;
	return {
		c,
		mailbox,
		provider,
		slot: slots,
		perSecond,
		slotAt,
		reslots: 0,
		handed: false,
		switchesReadAt: 0,
		message,
		prepared,
	};
}

/**
 * Under a per-second limit a message holds a provider slot from its hand-over to the answer, so it
 * leaves on its rate slot. Without one, its hand-over overlaps the send before it on the same
 * connection: at most one message waits handed over per provider slot, so a killed worker leaves
 * few of them `unknown`.
 */
export async function deliver(run: SendRun, d: Delivery): Promise<DeliveryResult> {
	if (!d.handed) {
		const early = d.slotAt - Date.now() - SWITCH_READ_AHEAD_MS;
		if (early > 0) await sleep(early);
	}
	const send = () => waitAndSend(run, d);
	return d.perSecond.length
		? await d.slot.provider.run(async () =>
				(await handOverOnce(run, d)) ? await send() : 'settled',
			)
		: await d.slot.handOver.run(async () =>
				(await handOverOnce(run, d)) ? await d.slot.provider.run(send) : 'settled',
			);
}

/** The hand-over, once: false when the message will not leave (its attempt is recorded). */
async function handOverOnce(run: SendRun, d: Delivery): Promise<boolean> {
	if (d.handed) return true;
	// Read right before the hand-over (and recorded with it): once engaged, no send starts; and
	// only while this run still holds the claim's lease.
	const outcome = await run.handOvers.submit({ c: d.c, mailbox: d.mailbox.address });
	d.switchesReadAt = Date.now();
	if (outcome === 'handed') return (d.handed = true);
	if (outcome === 'lost') run.summary.lost++;
	else if (outcome === 'changed' || !('blockedBy' in outcome)) await run.notSent(d.c, outcome);
	else {
		if (outcome.blockedBy === 'mailbox') run.block(d.mailbox);
		else {
			const s = await run.store.blockingSwitch(d.mailbox.address);
			run.summary.stopped ??= stoppedBy(s ?? { scope: outcome.blockedBy });
		}
		await run.skip(d.c);
	}
	return false;
}

/** From the rate slot to the provider's answer; 'settled' when a switch stopped it. */
async function waitAndSend(run: SendRun, d: Delivery): Promise<DeliveryResult> {
	for (;;) {
		const rest = d.slotAt - Date.now();
		if (rest > 0) await sleep(rest);
		else if (d.perSecond.length && -rest > LATE_MS && d.reslots < MAX_RESLOTS) {
			// This process or the database paused past the slot: sent now, the message would land
			// within 1/N s of the next worker's, so it takes a fresh slot (the missed one stays empty).
			d.reslots++;
			d.slotAt = Date.now() + (await run.store.reserveSlot(d.perSecond)).waitMs;
			continue;
		}
		break;
	}
	if (Date.now() - d.switchesReadAt > SWITCHES_FRESH_MS) {
		// A fresh slot or a busy connection kept the message past its hand-over's reading of the
		// switches: read them again.
		const s = await run.store.blockingSwitch(d.mailbox.address);
		d.switchesReadAt = Date.now();
		if (s) {
			run.blockBy(s, d.mailbox);
			await run.defer(d.c, 'kill_switch', s.scope, null);
			return 'settled';
		}
	}
	try {
		return await d.provider.send(d.message, d.prepared);
	} catch (error) {
		// Anything but a classified refusal may have happened after the message left.
		const e =
			error instanceof ProviderError
				? error
				: new ProviderError('ambiguous', (error as Error).message);
		return { error: e };
	}
}
