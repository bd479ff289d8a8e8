/**
 * Group commit: callers submit one item each. While fewer than `writers` batches are being
 * written, an item goes out at the end of the event loop's turn, with every item the same turn's
 * I/O callbacks submitted (SMTP replies and query results that arrived together); when every
 * writer is busy, items wait and leave together as the next batch, in one call of `write`. Nothing
 * waits on a timer: at low load nothing is delayed; under load one statement (one round trip, one
 * commit) serves many.
 */
export class Batcher<In, Out> {
	private readonly pending: Array<{
		item: In;
		resolve: (out: Out) => void;
		reject: (e: unknown) => void;
	}> = [];
	private busy = 0;
	private scheduled = false;

	constructor(
		/** Answers every item of a batch, in the batch's order. */
		private readonly write: (items: In[]) => Promise<Out[]>,
		private readonly writers = 2,
		private readonly maxBatch = 200,
	) {}

	submit(item: In): Promise<Out> {
		return new Promise<Out>((resolve, reject) => {
			this.pending.push({ item, resolve, reject });
			this.schedule(setImmediate);
		});
	}

	/**
	 * A flush once the current callback's work is done: from `submit`, after the turn's other I/O
	 * callbacks (in a microtask it left after the first of them: one worker's hand-overs and sent
	 * records went out 1.7 to a statement, 1.9 now; four processes' 1.3, now 1.7); items that gathered
	 * while every writer was busy leave in a microtask, as they are all there already.
	 */
	private schedule(later: (go: () => void) => void = queueMicrotask): void {
		if (this.scheduled || this.busy >= this.writers) return;
		this.scheduled = true;
		later(() => {
			this.scheduled = false;
			void this.flush();
		});
	}

	private async flush(): Promise<void> {
		if (!this.pending.length || this.busy >= this.writers) return;
		this.busy++;
		const batch = this.pending.splice(0, this.maxBatch);
		// More than one batch waiting: a free writer takes the next one now.
		if (this.pending.length) this.schedule();
		try {
			const out = await this.write(batch.map((b) => b.item));
			batch.forEach((b, i) => b.resolve(out[i]));
		} catch (error) {
			for (const b of batch) b.reject(error);
		} finally {
			this.busy--;
			if (this.pending.length) this.schedule();
		}
	}
}
