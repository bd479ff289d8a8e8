import type { HandOver, NotToSend, Sent } from '../attemptOutcome';
import type { BounceReason } from '../bounce/bounceReason';
import type { Claim, Claimed } from '../claimDrafts';
import type { Blocking } from '../killSwitch';
import type { RateLimit, Slot } from '../rateLimiter';
import type { Routed } from '../sendRoutes';

/** Sends and bounces of the campaign's attempts over the last 24 h (the auto-pause's reading). */
export interface BounceStats {
	sent: number;
	/** Refused at the hand-over as a hard bounce (the attempt marked bounced when it failed). */
	refused: number;
	/** Sent, then reported bounced by a DSN. */
	reported: number;
}

/** Why a mailbox is paused by the run: its credential refused, or failures in a row. */
export type MailboxPause =
	| { kind: 'credential'; mailbox: string; provider: string; detail: string }
	| { kind: 'failures'; mailbox: string; provider: string; failures: number; last: string };

/** A refusal of the sender by a receiver, recorded toward the mailbox's health. */
export interface SenderRefusal {
	address: string;
	mailbox: string;
	reason: BounceReason;
	/** The receiver's answer, with its enhanced status code if it has one. */
	diagnostic: string;
}

/**
 * What one send run of one campaign reads and writes: the storage side of every stage, so the
 * stages run against PostgreSQL (pgSendStore) or against memory in unit tests. Every change of an
 * attempt is fenced by the claim's worker id: false (or 'lost') when the run no longer holds it.
 */
export interface SendStore {
	/** The engaged switch (or the campaign no longer active) that stops a send from `mailbox` ('' for any). */
	blockingSwitch(mailbox: string): Promise<Blocking | null>;
	/** Of these lower-cased mailboxes, those whose own kill switch is engaged. */
	blockedMailboxes(addresses: string[]): Promise<string[]>;
	/** Attempts of dead workers: handed over → unknown, never handed over → deferred. */
	reapExpired(): Promise<{ unknown: number }>;
	claim(
		mailboxes: Routed[],
		options: { limit: number; leaseSeconds: number; workerId: string; blocked: string[] },
	): Promise<Claim>;
	/** Extends the leases the worker still holds and says which those are. */
	renewLeases(workerId: string, attemptIds: number[], leaseSeconds: number): Promise<Set<number>>;
	/** Why the claimed draft may not leave after all, if it may not. */
	checkDraft(c: Claimed): Promise<NotToSend | null>;
	/** Counts the send on each daily cap; the key that is full instead, or null. */
	takeDaily(caps: Array<{ key: string; perDay: number }>, c: Claimed): Promise<string | null>;
	/** The next rate slot on every limit at once; not taken when further off than `maxWaitMs`. */
	reserveSlot(limits: RateLimit[], maxWaitMs?: number): Promise<Slot>;
	/** Marks the attempts handed over after every last-moment check, one answer per claim. */
	handOver(claims: Array<{ c: Claimed; mailbox: string }>): Promise<HandOver[]>;
	markSent(sent: Sent[]): Promise<boolean[]>;
	markDeferred(c: Claimed, reason: string, retryAt: Date | null): Promise<boolean>;
	markEnded(
		c: Claimed,
		status: 'failed' | 'suppressed' | 'unknown',
		reason: string,
	): Promise<boolean>;
	/** Gives claims that were never handed over back without a trace. */
	release(claims: Claimed[]): Promise<void>;
	bounceStats(): Promise<BounceStats>;
	/** Pauses the campaign (if active) and records why. */
	pauseCampaign(reason: string, actor: string | undefined): Promise<void>;
	pauseMailbox(pause: MailboxPause): Promise<void>;
	/** Records the refusal; true when it paused the mailbox. */
	recordSenderRefusal(refusal: SenderRefusal): Promise<boolean>;
	/**
	 * The receiver refused the address at the hand-over (a hard bounce by the bounce taxonomy): the
	 * attempt is marked bounced, which the bounce guard counts, and the address suppressed.
	 */
	suppressHardBounce(c: Claimed, reason: string, source: string): Promise<void>;
	/** When the next sendable draft is due (ISO), or null. */
	nextDue(): Promise<string | null>;
}
