/** Entries kept at most: ~100 bytes each, so a run's cache stays within ~20 MB. */
const MAX_ENTRIES = 200_000;

/**
 * The threads of the messages one ingest run has stored itself, by key: a reply to one of them
 * needs no lookup in the store. An mbox or mailbox export comes in order, so nearly every reply of
 * a run points at a message of the same run (one index probe each, 0.6 s of PGlite's time for 20k
 * messages). Only rows the run inserted are kept: a duplicate's stored thread may differ from the
 * one this run worked out for it, and the store's answer wins. Past the cap, later keys are looked
 * up as before.
 */
export class ThreadsOfRun {
	private readonly threads = new Map<string, string>();

	get(key: string): string | undefined {
		return this.threads.get(key);
	}

	/**
	 * The rows of `batch` the insert stored (`stored`): the first row of a key, as the insert keeps
	 * the first of a key repeated within a batch.
	 */
	remember(
		stored: readonly string[],
		batch: ReadonlyArray<{ provider_message_id: string; thread_id: string }>,
	): void {
		if (stored.length === 0) return;
		const wanted = new Set(stored);
		for (const row of batch) {
			if (this.threads.size >= MAX_ENTRIES) return;
			if (!wanted.delete(row.provider_message_id)) continue;
			this.threads.set(row.provider_message_id, row.thread_id);
		}
	}
}
