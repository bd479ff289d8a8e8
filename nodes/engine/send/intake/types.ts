import type { BounceReason, Consequence } from '../bounce/bounceReason';
import type { ReplyClass } from './replyClass';

/** An incoming message as the intake reads it: from raw MIME or from an n8n mail item's fields. */
export interface InboundMessage {
	messageId?: string;
	from?: string;
	subject: string;
	text: string;
	/** Lower-cased header names, first value of each. */
	headers: Record<string, string>;
	inReplyTo?: string;
	references: string[];
	/**
	 * The machine-readable report (RFC 3464 DSN, RFC 5965 ARF, RFC 8098 MDN): the field groups of
	 * every part of that type, in order.
	 */
	report?: {
		type: 'delivery-status' | 'feedback-report' | 'disposition-notification';
		groups: Array<Record<string, string>>;
	};
	/** The returned message's headers, when a bounce or complaint carries them. */
	original?: { messageId?: string; from?: string; to: string[]; headers?: Record<string, string> };
}

export type InboundKind =
	'reply' | 'auto_reply' | 'receipt' | 'hard_bounce' | 'soft_bounce' | 'complaint' | 'other';

/** One recipient of a bounce or complaint, with what its result means for the sender. */
export interface RecipientResult {
	address: string;
	/** RFC 3464 Action (failed, delayed, delivered, relayed, expanded); `failed` when unsaid. */
	action: string;
	/** The enhanced status code (5.1.1, 4.2.2), when one was given or found in the diagnostic. */
	status?: string;
	/** The SMTP reply code (550, 421), when the diagnostic has one. */
	replyCode?: string;
	/** Why, in sisimai's taxonomy (userunknown, mailboxfull, blocked, feedback, …). */
	reason: BounceReason;
	diagnostic?: string;
	/** What the intake does about it (docs/sending.md): suppress, defer, sender, complaint, none. */
	consequence: Consequence;
	/** True when this address is never mailed again because of this message. */
	suppress: boolean;
}

export interface Classified {
	kind: InboundKind;
	/** Why it was read that way, for the person reviewing the output. */
	reason: string;
	/** Every recipient a bounce or complaint names (empty for other mail). */
	recipients: RecipientResult[];
	/** The first of them, for readers of one address. */
	recipient?: string;
	/** The enhanced status code of a bounce (5.1.1, 4.2.2). */
	status?: string;
	diagnostic?: string;
	/** Message-IDs (no brackets) that may be ours: In-Reply-To, References, the returned message's. */
	referenced: string[];
}

export interface InboundResult extends Classified {
	/** What the answer says (null for mail that is no answer: 'other'). */
	replyClass: ReplyClass | null;
	/** The send attempt the message answers, when one matched. */
	matched: null | {
		by: 'message-id' | 'address';
		campaignId: string;
		prospectId: string;
		step: number;
		recipient: string;
	};
	/** What the intake changed. */
	effect: string;
	/** True when this message was taken in before: nothing was changed again. */
	duplicate: boolean;
}
