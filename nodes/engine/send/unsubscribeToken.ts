import { createHmac, timingSafeEqual } from 'node:crypto';

import { invalidInput } from '../errors';
import { normalizeEmail } from '../mail/emailAddress';

const b64 = (s: Buffer | string) => Buffer.from(s).toString('base64url');

/**
 * The per-recipient unsubscribe token: campaign and address, signed (HMAC-SHA256) with the
 * sender's secret. It is the only authority the unsubscribe webhook needs.
 */
export function unsubscribeToken(secret: string, campaignId: string, email: string): string {
	const payload = b64(JSON.stringify({ c: campaignId, e: normalizeEmail(email) }));
	return `${payload}.${b64(createHmac('sha256', secret).update(payload).digest())}`;
}

export function verifyUnsubscribeToken(
	secret: string,
	token: string,
): { campaignId: string; email: string } {
	const [payload, signature] = String(token ?? '')
		.trim()
		.split('.');
	const expected = payload
		? createHmac('sha256', secret).update(payload).digest()
		: Buffer.alloc(0);
	const given = Buffer.from(signature ?? '', 'base64url');
	if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected)) {
		throw invalidInput(
			'This unsubscribe link is not valid',
			'The token was altered, truncated, or signed with another secret.',
		);
	}
	const { c, e } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
		c: string;
		e: string;
	};
	return { campaignId: c, email: e };
}
