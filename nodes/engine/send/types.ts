import type { Compliance } from './buildMessage';
import type { Provider } from './providers/Provider';
import type { Route } from './sendRoutes';
import type { SendingWindow } from './sendingWindow';

/** A sending mailbox: its own caps and, when new, its warm-up ramp. */
export interface Mailbox {
	address: string;
	name?: string;
	replyTo?: string;
	perDay?: number;
	perSecond?: number;
	/** New mailboxes start low and grow by `increasePerDay` a day, up to `perDay`. */
	warmup?: { startedAt: string; startPerDay: number; increasePerDay: number };
}

export interface SendLimits {
	globalPerSecond?: number;
	globalPerDay?: number;
	providerPerSecond?: number;
	domainPerSecond?: number;
	domainPerDay?: number;
}

export interface AutoPause {
	/** Consecutive failed sends that pause the campaign. */
	errorBurst: number;
	/** Hard bounces over sends in the last 24 h that pause it, once `minSends` were made. */
	bounceRate: number;
	minSends: number;
}

export interface SendOptions {
	campaignId: string;
	/** The way out of `mailboxes`; `routes` instead when the mailboxes are of different kinds. */
	provider?: Provider;
	mailboxes?: Mailbox[];
	/**
	 * Mailboxes of different kinds in one campaign (SMTP, Gmail, Microsoft 365 together): first
	 * touches rotate across all of them, each follow-up leaves through its first touch's mailbox.
	 */
	routes?: Route[];
	limits?: SendLimits;
	/** Null sends at any hour. */
	window?: SendingWindow | null;
	compliance: Compliance;
	batchSize?: number;
	/**
	 * Messages handed to the provider at once by this worker (default 32). Providers answer in
	 * 50–300 ms; one at a time caps a worker at a few messages a second.
	 */
	concurrency?: number;
	leaseSeconds?: number;
	maxRetries?: number;
	/** Stop claiming after this long (a Schedule-triggered run hands over to the next one). */
	timeBudgetMs?: number;
	autoPause?: AutoPause;
	workerId?: string;
	actor?: string;
}

export type DeferReason =
	| 'limit'
	| 'window'
	| 'kill_switch'
	| 'throttled'
	| 'transient'
	| 'changed'
	/** The mailbox's credential was refused: the mailbox is paused, its drafts stay due. */
	| 'credential';

export interface SendSummary {
	sent: number;
	deferred: Record<DeferReason, number>;
	failed: number;
	suppressed: number;
	/**
	 * Attempts marked `unknown`, never re-sent: those of stopped workers found past their lease, and
	 * sends whose answer was lost (the provider may have the message).
	 */
	unknown: number;
	/**
	 * Claims this run lost before handing them over: its lease ran out (the worker was paused or
	 * starved) and another worker reaped them. Nothing was sent for them by this run.
	 */
	lost: number;
	/** Sending mailboxes whose kill switch was engaged: their drafts were skipped, nothing written. */
	blockedMailboxes: string[];
	/** Why sending stopped early, if it did (kill switch, auto-pause). */
	stopped: string | null;
	/** When the next approved draft is due (null when none is left). */
	nextDueAt: string | null;
}
