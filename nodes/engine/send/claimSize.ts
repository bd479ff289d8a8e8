import type { Provider } from './providers/Provider';
import { SEND_DEFAULTS } from './sendDefaults';
import { providersOf, type Route } from './sendRoutes';
import type { SendOptions } from './types';

/** Messages the run's providers have on the wire at once, together. */
const parallelOf = (routes: Route[]): number =>
	providersOf(routes).reduce((sum, p) => sum + (p.parallel ?? Infinity), 0);

/**
 * The slowest per-second limit every message of the run passes: the global or provider limit, or
 * the sum of the mailboxes' limits when every mailbox has one. Null when nothing binds.
 */
export function bindingRate(options: SendOptions, routes: Route[]): number | null {
	const limits = options.limits ?? {};
	const mailboxRates = routes.flatMap((r) => r.mailboxes.map((m) => m.perSecond ?? 0));
	const rates = [
		limits.globalPerSecond ?? 0,
		limits.providerPerSecond ?? 0,
		mailboxRates.every((r) => r > 0) ? mailboxRates.reduce((a, b) => a + b, 0) : 0,
	].filter((r) => r > 0);
	return rates.length ? Math.min(...rates) : null;
}

/**
 * How many drafts one claim takes: the batch size, but never more than the run can send within
 * half a lease at its binding rate. With the node's defaults — a lease of 300 s, a mailbox at
 * 0.15/s — that is 22 drafts (~147 s of sending), where a batch of 50 would need ~333 s. The
 * heartbeat renews leases anyway; this keeps a claim's drafts from sitting idle under a lease the
 * rest of the fleet must wait out if this worker dies.
 */
export function claimSize(options: SendOptions, routes: Route[], leaseSeconds: number): number {
	const batch = Math.max(1, Math.floor(options.batchSize ?? SEND_DEFAULTS.batchSize));
	const rate = bindingRate(options, routes);
	if (rate === null) return batch;
	return Math.max(1, Math.min(batch, Math.floor((rate * leaseSeconds) / 2)));
}

/**
 * Messages in flight at once: the configured concurrency. Under a binding rate, no more than two
 * seconds' worth of sends (enough to hide a provider's latency; more would only reserve rate slots
 * far ahead and leave them waiting), and no more than the provider has on the wire: each message
 * then holds its provider slot from its rate slot on, and none is late for its slot because
 * another one still waits for its own.
 */
export function inFlightLimit(options: SendOptions, routes: Route[]): number {
	const concurrency = Math.max(1, Math.floor(options.concurrency ?? SEND_DEFAULTS.concurrency));
	const rate = bindingRate(options, routes);
	if (rate === null) return concurrency;
	return Math.max(1, Math.min(concurrency, Math.ceil(rate * 2), parallelOf(routes)));
}

/**
 * Messages between their hand-over and the provider's answer at once: no more than the provider
 * has on the wire (SMTP: its connections). A message handed over and then queued inside the
 * provider would leave after its rate slot, and would be `unknown` if the worker died while it
 * waited. Recording the result happens outside, so the next hand-over does not wait for it.
 */
export function providerSlots(inFlight: number, provider: Provider): number {
	return Math.min(inFlight, provider.parallel ?? Infinity);
}
