import type { Claimed } from '../claimDrafts';

/**
 * The heartbeat of a worker run: while it is alive, every attempt it holds (queued, waiting for a
 * rate slot, or with the provider) has its lease renewed every third of the lease, so a slow
 * mailbox or a slow provider never lets another worker reap live work. A worker that is paused
 * (SIGSTOP, a long GC, a hung event loop) renews nothing; its leases run out, they are reaped,
 * and the fenced hand-over refuses the message when it wakes. Attempts the database no longer
 * gives back are reported as lost.
 */
export class LeaseKeeper {
	private readonly held = new Map<number, Claimed>();
	private readonly lost = new Set<number>();
	private timer: NodeJS.Timeout | undefined;
	private running: Promise<void> | null = null;

	constructor(
		/** Renews the leases of these attempts; answers the ones the worker still holds. */
		private readonly renewLeases: (attemptIds: number[]) => Promise<Set<number>>,
		private readonly leaseSeconds: number,
	) {}

	start(): void {
		const every = Math.max(100, (this.leaseSeconds * 1000) / 3);
		this.timer = setInterval(() => {
			this.running ??= this.renew().finally(() => (this.running = null));
		}, every);
	}

	hold(claimed: Claimed[]): void {
		for (const c of claimed) this.held.set(c.attemptId, c);
	}

	drop(c: Claimed): void {
		this.held.delete(c.attemptId);
	}

	/** True once a renewal found the attempt gone from this worker (reaped after a pause). */
	isLost(c: Claimed): boolean {
		return this.lost.has(c.attemptId);
	}

	private async renew(): Promise<void> {
		const ids = [...this.held.keys()];
		if (!ids.length) return;
		try {
			const kept = await this.renewLeases(ids);
			for (const id of ids) {
				if (kept.has(id) || !this.held.has(id)) continue;
				this.lost.add(id);
				this.held.delete(id);
			}
		} catch {
			// The database is unreachable: the next beat tries again; a lease that runs out meanwhile
			// is refused at the hand-over, which is the safe side.
		}
	}

	async stop(): Promise<void> {
		clearInterval(this.timer);
		await this.running;
	}
}
