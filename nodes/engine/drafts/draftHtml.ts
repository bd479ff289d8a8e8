import { createHash } from 'node:crypto';

import { plainTextHtml } from '../mail/plainTextHtml';

/** A draft's HTML body: its text, a paragraph per paragraph (what every send carries). */
export const draftHtml = plainTextHtml;

/** What approval pins: subject, text and HTML together. Any edit changes it. */
export function draftHash(subject: string, bodyText: string, bodyHtml: string): string {
	return createHash('sha256').update(`${subject}\u0000${bodyText}\u0000${bodyHtml}`).digest('hex');
}
