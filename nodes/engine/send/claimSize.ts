import type { SendOptions } from './types';

/**
 * How many drafts one claim takes: the batch size, but never more than the run can send within
 * half a lease at its slowest binding per-second limit (the global or provider limit, or the sum of
 * the mailboxes' limits when every mailbox has one). With the node's defaults — a lease of 300 s, a
 * mailbox at 0.15/s — that is 22 drafts (~147 s of sending), where a batch of 50 would need ~333 s.
 * The heartbeat renews leases anyway; this keeps a claim's drafts from sitting idle under a lease
 * the rest of the fleet must wait out if this worker dies.
 */
export function claimSize(options: SendOptions, leaseSeconds: number): number {
	const batch = Math.max(1, Math.floor(options.batchSize ?? 50));
	const limits = options.limits ?? {};
	const mailboxRates = options.mailboxes.map((m) => m.perSecond ?? 0);
	const rates = [
		limits.globalPerSecond ?? 0,
		limits.providerPerSecond ?? 0,
		mailboxRates.every((r) => r > 0) ? mailboxRates.reduce((a, b) => a + b, 0) : 0,
	].filter((r) => r > 0);
	if (!rates.length) return batch;
	const withinHalfLease = Math.floor((Math.min(...rates) * leaseSeconds) / 2);
	return Math.max(1, Math.min(batch, withinHalfLease));
}
