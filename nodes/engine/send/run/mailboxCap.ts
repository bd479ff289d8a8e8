import type { Mailbox } from '../types';

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
