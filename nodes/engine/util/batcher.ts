/**
 * Group commit: callers submit one item each. While fewer than `writers` batches are being
 * written, an item goes out at once (with whatever arrived in the same turn); when every writer is
 * busy, items wait and leave together as the next batch, in one call of `write`. Nothing waits on
 * a timer: at low load nothing is delayed; under load one statement (one round trip, one commit)
 * serves many.
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
			this.schedule();
		});
	}

	/** In a microtask, so items submitted in the same turn share a batch. */
	private schedule(): void {
		if (this.scheduled || this.busy >= this.writers) return;
		this.scheduled = true;
		queueMicrotask(() => {
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
