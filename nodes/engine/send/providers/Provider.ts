import { type BounceReason, type Consequence, consequenceOf } from '../bounce/bounceReason';
import { reasonOf, type SmtpStage, smtpStage } from '../bounce/reasonOf';
import { enhancedStatus } from '../bounce/statusCode';
import type Mail from 'nodemailer/lib/mailer';

/**
 * How a provider refused a message, which decides what the sender does next. `ambiguous`: the
 * request may have reached the provider (a timeout or a dropped connection after it was written),
 * so the attempt becomes `unknown` for review; sending it again could mail the prospect twice.
 * `credential`: the provider refused the mailbox's credential (an expired or revoked token, a
 * wrong password): nothing was sent, the message is not at fault, the mailbox cannot send until
 * a person fixes its credential.
 */
export type FailureKind = 'throttled' | 'permanent' | 'transient' | 'ambiguous' | 'credential';

/** What token endpoints and APIs answer when a credential is expired, revoked or wrong. */
export const CREDENTIAL_REFUSED =
	/invalid_grant|invalid_client|unauthorized_client|invalid_token|InvalidAuthenticationToken|token (has )?(expired|been revoked)|consent|AADSTS\d+/i;

export class ProviderError extends Error {
	constructor(
		readonly kind: FailureKind,
		message: string,
		readonly options: {
			retryAfterMs?: number;
			/** The address does not take mail: suppress it. */
			bounce?: boolean;
			code?: string | number;
			/** Why, read from the reply (sisimai's taxonomy), and what it means for the sender. */
			reason?: BounceReason;
			consequence?: Consequence;
		} = {},
	) {
		super(message);
		this.name = 'ProviderError';
	}
}

/** A message as the dispatcher hands it to a provider. */
export type OutgoingMessage = Mail.Options & {
	messageId: string;
	/** The provider's id of touch 1 of this sequence (a follow-up joins its thread: Gmail). */
	firstProviderMessageId?: string;
};

/** A way out: SMTP, the own Gmail or Microsoft 365 mailbox, SendGrid, SES, the dry-run outbox. */
export interface Provider {
	readonly name: 'smtp' | 'gmail' | 'microsoft365' | 'sendgrid' | 'ses' | 'outbox';
	/**
	 * Messages the provider really has on the wire at once (SMTP: its connections). A worker hands
	 * over no more than that: a message handed over and then queued inside the provider would leave
	 * after its rate slot, and would be `unknown` if the worker died while it waited.
	 */
	readonly parallel?: number;
	/**
	 * What the provider allows one mailbox, whatever the mailbox's own settings say: a mailbox's
	 * per-second and daily limits are held under these.
	 */
	readonly mailboxLimits?: { perSecond?: number; perDay?: number };
	/** The DKIM domain this provider signs for itself (SMTP with a key); From must align with it. */
	readonly signingDomain?: string;
	/** Hands one message over; resolves with the provider's id for it. */
	send(message: OutgoingMessage, prepared?: unknown): Promise<{ providerMessageId: string }>;
	/** Does the slow part (building the MIME) ahead of the send slot; its result goes to `send`. */
	prepare?(message: OutgoingMessage): Promise<unknown>;
	/** Opens connections before the first send, where the protocol has them. */
	warmUp?(): Promise<void>;
	close(): Promise<void>;
}

/** SMTP reply codes that mean "slow down" (RFC 5321 4xx the ESPs use for throttling). */
export const SMTP_THROTTLE = new Set([421, 450, 451, 454]);

const STAGE_OF: Record<string, SmtpStage> = {
	'MAIL FROM': 'mail',
	'RCPT TO': 'rcpt',
	DATA: 'data',
	CONN: 'connect',
	EHLO: 'connect',
	HELO: 'connect',
	AUTH: 'connect',
};

/**
 * What an SMTP reply means for this attempt. A 5xx is read like a bounce (the same reasons and
 * consequences): only an address-level refusal suppresses the recipient; a refusal of the sender
 * (blocked, spam, authentication) counts toward the mailbox's health instead.
 */
export function smtpFailure(
	code: number | undefined,
	message: string,
	command?: string,
): ProviderError {
	if (code && SMTP_THROTTLE.has(code)) return new ProviderError('throttled', message, { code });
	// RFC 4954: 535 the credentials were wrong, 534 a stronger mechanism needed, 530 auth required.
	if (code && ([530, 534, 535].includes(code) || /^AUTH/i.test(command ?? '')))
		return new ProviderError('credential', `SMTP login refused: ${message}`, { code });
	if (code && code >= 500) {
		const status = enhancedStatus(message);
		const cmd = (command ?? '').toUpperCase();
		const stage = STAGE_OF[cmd] ?? STAGE_OF[cmd.split(' ')[0]] ?? smtpStage(message);
		const reason = reasonOf({ status, diagnostic: message, stage });
		const consequence = consequenceOf(reason, status);
		return new ProviderError('permanent', message, {
			code,
			bounce: consequence === 'suppress',
			reason,
			consequence,
		});
	}
	return new ProviderError('transient', message, { code });
}

/** Errors that happen before a request is written: the message certainly did not leave. */
const NOT_CONNECTED = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** An HTTP API call that failed without an answer: transient if it never connected, else ambiguous. */
export function networkFailure(error: unknown, label: string): ProviderError {
	const e = error as { code?: string; cause?: { code?: string }; message?: string };
	const code = e.code ?? e.cause?.code;
	const kind = code && NOT_CONNECTED.has(code) ? 'transient' : 'ambiguous';
	return new ProviderError(kind, `${label}: ${e.message ?? String(error)}`, { code });
}
