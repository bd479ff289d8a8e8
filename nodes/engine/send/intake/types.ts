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
	/** A machine-readable report part (RFC 3464 DSN or RFC 5965 ARF): its field groups. */
	report?: { type: 'delivery-status' | 'feedback-report'; groups: Array<Record<string, string>> };
	/** The returned message's headers, when a bounce or complaint carries them. */
	original?: { messageId?: string; to: string[] };
}

export type InboundKind =
	'reply' | 'auto_reply' | 'hard_bounce' | 'soft_bounce' | 'complaint' | 'other';

export interface Classified {
	kind: InboundKind;
	/** Why it was read that way, for the person reviewing the output. */
	reason: string;
	/** The address that bounced or complained, when the report names it. */
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
