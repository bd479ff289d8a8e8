import { sha256 } from '../objectStore/contentKey';
import type { NormalizedEmail } from './types';

/**
 * What a message says, independent of the file or mailbox it came in: sender, recipients, subject,
 * date and the text (whitespace folded, so a CSV export and the MIME original agree).
 */
export function contentHash(email: NormalizedEmail): string {
	const text = `${email.bodyText}\n${email.quotedText}\n${email.signatureText}`;
	return sha256(
		JSON.stringify([
			email.fromAddress ?? '',
			[...email.to].sort(),
			email.subject.replace(/\s+/g, ' ').trim(),
			email.sentAt?.toISOString() ?? '',
			text.replace(/\s+/g, ' ').trim(),
		]),
	);
}

/**
 * The message's identity within a campaign and side (docs/ingest.md): its Message-ID; else the id
 * its source gave; else its content hash. The same Message-ID with another content hash is another
 * message (ingest/insertEmails.ts stores it, flagged).
 */
export function identify(email: NormalizedEmail): NormalizedEmail {
	const hash = contentHash(email);
	return {
		...email,
		contentHash: hash,
		providerMessageId: email.messageId || email.providerMessageId || `sha256:${hash}`,
	};
}
