import type { DateReading } from './parseDate';

export type EmailSource = 'brand' | 'competitor';

export type Provider = 'eml' | 'mbox' | 'csv' | 'json' | 'items' | 'imap' | 'gmail' | 'outlook';

/** Which campaign and which side (brand, or a named competitor) the ingested mail belongs to. */
export interface IngestTarget {
	campaignId: string;
	source: EmailSource;
	competitor?: string;
	/**
	 * A seeded inbox: competitor mail whose competitor is found per message from its sender
	 * (competitorOfSender.ts); `competitor` is then not given.
	 */
	bySender?: boolean;
}

/** Messages of a seeded inbox that matched no competitor, or several, grouped by sender. */
export interface UnmatchedSender {
	sender: string;
	messages: number;
	/** The competitors it matched when it matched several; empty when it matched none. */
	candidates: string[];
}

/**
 * Plain fields, as a CSV row, a JSON object or an n8n item gives them. Typed as they should be; a
 * JSON file or an item may hold anything, which normalizeFields checks field by field.
 */
export interface EmailFields {
	id?: string | number;
	from?: string;
	to?: string | string[];
	cc?: string | string[];
	subject?: string;
	body?: string;
	html?: string;
	sentAt?: string | number | Date;
	threadId?: string | number;
	inReplyTo?: string;
	references?: string;
}

/**
 * One message on its way in: raw MIME, or fields. `origin` says where it came from precisely enough
 * for a person to find it ("inbox.mbox, message 12 at byte 48213").
 */
export type IngestItem =
	| {
			kind: 'mime';
			provider: Provider;
			origin: string;
			raw: Buffer;
			providerMessageId?: string;
			threadId?: string;
			/** When the message has no Date header: the server's received date, the mbox "From " date. */
			fallbackSentAt?: Date;
			metadata?: Record<string, unknown>;
	  }
	| {
			kind: 'fields';
			provider: Provider;
			origin: string;
			fields: EmailFields;
			/** How dates without a zone or with a day/month order are read (node options). */
			dates?: DateReading;
			metadata?: Record<string, unknown>;
	  }
	| { kind: 'error'; origin: string; message: string };

/** What a parsed message becomes before it is stored. */
export interface NormalizedEmail {
	provider: Provider;
	/** The stored key: Message-ID, the source's own id, or `sha256:<content hash>` (messageIdentity.ts). */
	providerMessageId: string;
	/** What the message says, hashed: tells a duplicate from another message reusing an id. */
	contentHash?: string;
	/** The provider's own thread id, when it has one (Gmail, Outlook). */
	providerThreadId?: string;
	messageId?: string;
	inReplyTo?: string;
	references: string[];
	fromAddress?: string;
	fromName?: string;
	/** Addresses and domains of Sender, Reply-To, List-Id and Return-Path: who else sent it. */
	otherSenders?: string[];
	/** For a seeded inbox: the competitor its sender was matched to (competitorOfSender.ts). */
	competitor?: string;
	to: string[];
	cc: string[];
	subject: string;
	bodyText: string;
	quotedText: string;
	signatureText: string;
	html?: string;
	sentAt?: Date;
	metadata: Record<string, unknown>;
	/** The payload as received, kept in the object store. */
	raw: { body: Buffer | string; extension: string; contentType: string };
	/**
	 * Set once raw and HTML are in the object store (a parser worker stores them itself); the raw
	 * body is then empty, as the bytes are not needed any more.
	 */
	stored?: StoredPayload;
	origin: string;
}

/** Object keys of a message's raw payload and HTML body. */
export interface StoredPayload {
	rawKey: string;
	htmlKey?: string;
}

export interface IngestError {
	origin: string;
	message: string;
	/** The message's Message-ID (or its key), when it was read far enough to have one. */
	messageId?: string;
}

/** What one ingest run did; `seen` = `inserted` + `duplicates` + `errorCount` + `unmatchedCount`. */
export interface IngestLog {
	campaignId: string;
	source: EmailSource;
	competitor: string | null;
	/** Every entry read: messages, and entries that could not be read as one (counted as errors). */
	seen: number;
	inserted: number;
	duplicates: number;
	/** Of `inserted`: messages whose Message-ID another, different message already had (flagged). */
	reusedMessageIds: number;
	errors: IngestError[];
	/** Errors beyond the first 1,000 are counted, not listed. */
	errorCount: number;
	/**
	 * Stored messages whose thread position or gap the run's last step had to correct: rows get
	 * both at insert, so this counts mail older than what was already stored, or rows a run that
	 * died before its last step left unset. 0 when mail arrives in order.
	 */
	threadsUpdated: number;
	startedAt: string;
	finishedAt: string;
	/** A seeded inbox: messages stored per competitor, and those not stored (first 100 senders). */
	byCompetitor?: Record<string, number>;
	unmatched?: UnmatchedSender[];
	unmatchedCount?: number;
	/** Set when the run stopped early (the store went away…): why. The counts say what was done. */
	aborted?: string;
	logKey?: string;
}
