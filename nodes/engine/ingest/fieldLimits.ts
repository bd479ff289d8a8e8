import { sha256 } from '../objectStore/contentKey';
import type { NormalizedEmail } from './types';

/**
 * Size limits of the stored header fields (docs/ingest.md). Mail has no real bound on a header
 * (folded lines), but an index entry does (~2.7 kB in PostgreSQL's btree), and no sales subject or
 * name comes near these: longer ones are cut with a mark and a warning, never an error.
 */
export const FIELD_LIMITS = {
	/** Characters of a subject; RFC 5322 keeps a line under 998. */
	subject: 998,
	/** Characters of a sender's display name. */
	fromName: 256,
	/** Characters of one address (RFC 5321: 64 local + 255 domain). */
	address: 320,
	/** Addresses kept per recipient list (To, Cc). */
	recipients: 500,
	/** Characters of an identifier kept as it is in a key; longer ones are keyed by their hash. */
	key: 200,
	/** References kept per message: only the first (the thread's root) and the parent are used. */
	references: 50,
} as const;

export const TRUNCATION_MARK = ' [...]';

/** The first reference (the thread's root) and the last ones (the nearest parents) that fit. */
const rootAndParents = (ids: string[]) =>
	ids.length <= FIELD_LIMITS.references
		? ids
		: [ids[0], ...ids.slice(ids.length - FIELD_LIMITS.references + 1)];

/** A key that fits any index: the value itself when short, else `sha256:<hex>` of it. */
export function boundedKey(value: string): string;
export function boundedKey(value: string | undefined): string | undefined;
export function boundedKey(value: string | undefined): string | undefined {
	if (value === undefined || value.length <= FIELD_LIMITS.key) return value;
	return `sha256:${sha256(value)}`;
}

function cut(value: string, limit: number, field: string, warnings: string[]): string {
	if (value.length <= limit) return value;
	warnings.push(`${field} cut from ${value.length} to ${limit} characters`);
	return value.slice(0, limit - TRUNCATION_MARK.length) + TRUNCATION_MARK;
}

function addresses(list: string[], field: string, warnings: string[]): string[] {
	const fitting = list.filter((address) => address.length <= FIELD_LIMITS.address);
	if (fitting.length < list.length) {
		warnings.push(
			`${list.length - fitting.length} ${field} address(es) over ${FIELD_LIMITS.address} characters dropped`,
		);
	}
	if (fitting.length <= FIELD_LIMITS.recipients) return fitting;
	warnings.push(`${field} list cut from ${fitting.length} to ${FIELD_LIMITS.recipients} addresses`);
	return fitting.slice(0, FIELD_LIMITS.recipients);
}

/**
 * A parsed message within the limits: long text fields cut with a mark, identifiers that would
 * overflow an index replaced by their hash (the full Message-ID kept in the metadata, shortened),
 * each change said in `metadata.warnings`.
 */
export function limitFields(email: NormalizedEmail): NormalizedEmail {
	const warnings: string[] = [];
	const fromAddress =
		email.fromAddress && email.fromAddress.length > FIELD_LIMITS.address
			? undefined
			: email.fromAddress;
	if (fromAddress !== email.fromAddress) {
		warnings.push(`sender address over ${FIELD_LIMITS.address} characters dropped`);
	}
	const longId = email.messageId && email.messageId.length > FIELD_LIMITS.key;
	if (longId)
		warnings.push(`Message-ID of ${email.messageId!.length} characters keyed by its hash`);
	const limited: NormalizedEmail = {
		...email,
		providerMessageId: boundedKey(email.providerMessageId),
		providerThreadId: boundedKey(email.providerThreadId),
		messageId: boundedKey(email.messageId),
		inReplyTo: boundedKey(email.inReplyTo),
		references: rootAndParents(email.references).map((id) => boundedKey(id)),
		fromAddress,
		fromName: email.fromName && cut(email.fromName, FIELD_LIMITS.fromName, 'sender name', warnings),
		to: addresses(email.to, 'To', warnings),
		cc: addresses(email.cc, 'Cc', warnings),
		subject: cut(email.subject, FIELD_LIMITS.subject, 'subject', warnings),
	};
	if (warnings.length === 0) return limited;
	const earlier = (email.metadata.warnings as string[] | undefined) ?? [];
	const metadata: Record<string, unknown> = {
		...email.metadata,
		warnings: [...earlier, ...warnings],
	};
	if (longId) metadata.longMessageId = email.messageId!.slice(0, 1000) + TRUNCATION_MARK;
	return { ...limited, metadata };
}
