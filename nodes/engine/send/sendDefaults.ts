import { DEFAULT_WINDOW } from './sendingWindow';

/**
 * The sender's defaults, read by the node's parameters and by the engine when an option is left
 * out: one place, so the canvas and a run without the option agree.
 */
export const SEND_DEFAULTS = {
	/** Drafts claimed at a time (a binding rate may claim fewer: claimSize). */
	batchSize: 50,
	/** Messages handed to the providers at once by one worker. */
	concurrency: 32,
	/** How far ahead a claim is sized, in seconds (the heartbeat renews leases meanwhile). */
	leaseSeconds: 300,
	/** Throttled answers retried within a run before the draft is deferred. */
	maxRetries: 3,
	/** A Schedule-triggered run stops claiming after this long and hands over to the next run. */
	timeBudgetSeconds: 50,
	autoPause: {
		/** Failed sends in a row that pause the campaign. */
		errorBurst: 10,
		/** Hard bounces over sends in the last 24 h that pause it… */
		bounceRate: 0.05,
		/** …once this many were made. */
		minSends: 20,
	},
	/** A mailbox's daily cap when the campaign's own sender address is the only mailbox. */
	mailboxPerDay: 40,
	window: DEFAULT_WINDOW,
} as const;
