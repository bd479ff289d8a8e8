import { setTimeout as sleep } from 'node:timers/promises';

import type { ProviderError } from '../providers/Provider';
import { SEND_DEFAULTS } from '../sendDefaults';
import type { Delivery, DeliveryResult } from './delivery';
import type { SendRun } from './SendRun';

/**
 * The longest Retry-After a run waits out itself (RFC 9110: seconds or an HTTP date); a longer one
 * defers the draft to the time the provider named.
 */
export const MAX_RETRY_WAIT_MS = 60_000;
/** How long a transient failure, or a throttle without Retry-After beyond the run, waits. */
const RETRY_LATER_MS = 5 * 60_000;

/**
 * What the provider's answer means for the attempt, the mailbox and the campaign: recorded sent,
 * 'retry' (a throttle waited out within the run), or ended, deferred or failed with its
 * consequences (a suppression, a paused mailbox, a failure counted toward the pauses).
 */
export async function settle(
	run: SendRun,
	d: Delivery,
	result: Exclude<DeliveryResult, 'settled'>,
	attempt: number,
): Promise<'retry' | 'done'> {
	if ('providerMessageId' in result) {
		await run.recordSent(d, result.providerMessageId);
		return 'done';
	}
	const e = result.error;
	if (e.kind === 'credential') {
		// Nothing left: the draft stays due (deferred, never failed), the mailbox is paused.
		run.block(d.mailbox);
		const pause = { mailbox: d.mailbox.address, provider: d.provider.name, detail: e.message };
		await run.store.pauseMailbox({ kind: 'credential', ...pause });
		await run.defer(d.c, 'credential', e.message, null);
		return 'done';
	}
	if (e.kind === 'throttled') return await throttled(run, d, e, attempt);
	// A refusal of the sender is the mailbox's problem, counted toward its health below; the
	// campaign's burst counter is for failures that would hit every mailbox alike.
	const senderRefused = e.kind === 'permanent' && e.options.consequence === 'sender';
	run.failuresInARow += senderRefused ? 0 : 1;
	// An address that does not exist says nothing about the mailbox that tried it.
	const addressRefused = e.kind === 'permanent' && e.options.bounce;
	if (!senderRefused && !addressRefused)
		await run.countMailboxFailure(d.mailbox.address, d.provider.name, e.message);
	if (e.kind === 'ambiguous') {
		// Counted after the await: `x += await y` would read x before awaiting and lose the counts
		// of sends that finished meanwhile.
		if (await run.store.markEnded(d.c, 'unknown', e.message)) run.summary.unknown++;
	} else if (e.kind === 'permanent') await refused(run, d, e, senderRefused);
	else await run.defer(d.c, 'transient', e.message, new Date(Date.now() + RETRY_LATER_MS));
	return 'done';
}

/**
 * Retry-After is honoured: waited out in the run up to a bound, beyond it (or beyond the run's
 * time) the draft is deferred to that time, so the provider is not asked earlier.
 */
async function throttled(
	run: SendRun,
	d: Delivery,
	e: ProviderError,
	attempt: number,
): Promise<'retry' | 'done'> {
	const wait = e.options.retryAfterMs ?? 500 * 2 ** attempt;
	const maxRetries = run.options.maxRetries ?? SEND_DEFAULTS.maxRetries;
	if (attempt < maxRetries && wait <= Math.min(MAX_RETRY_WAIT_MS, run.budgetLeft())) {
		await sleep(wait);
		return 'retry';
	}
	const later = Math.max(wait, e.options.retryAfterMs ? 0 : RETRY_LATER_MS);
	const detail = `${e.message} (retry after ${Math.ceil(wait / 1000)} s)`;
	await run.defer(d.c, 'throttled', detail, new Date(Date.now() + later));
	return 'done';
}

/** A final refusal: the attempt failed; a hard bounce suppresses the address, a sender refusal counts toward the mailbox's pause. */
async function refused(
	run: SendRun,
	d: Delivery,
	e: ProviderError,
	senderRefused: boolean,
): Promise<void> {
	if (await run.store.markEnded(d.c, 'failed', e.message)) run.summary.failed++;
	if (e.options.bounce) await run.store.suppressHardBounce(d.c, e.message, d.provider.name);
	if (!senderRefused) return;
	const paused = await run.store.recordSenderRefusal({
		address: d.c.to,
		mailbox: d.mailbox.address,
		reason: e.options.reason ?? 'rejected',
		diagnostic: e.message,
	});
	if (paused) run.block(d.mailbox);
}
