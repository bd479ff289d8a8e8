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

/**
 * A token as `unsubscribeToken` writes it, and nothing else: base64url payload (at most 2 KB), a
 * dot, and the 43 base64url characters of its HMAC-SHA256. Base64 decoders skip characters they do
 * not know, so a signature with junk appended would otherwise still match.
 */
const TOKEN = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/;

const refused = () =>
	invalidInput(
		'This unsubscribe link is not valid',
		'The token was altered, truncated, or signed with another secret.',
	);

export function verifyUnsubscribeToken(
	secret: string,
	token: string,
): { campaignId: string; email: string } {
	const m = TOKEN.exec(String(token ?? '').trim());
	if (!m) throw refused();
	const [, payload, signature] = m;
	const expected = Buffer.from(b64(createHmac('sha256', secret).update(payload).digest()));
	const given = Buffer.from(signature);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
	let decoded: unknown;
	try {
		decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
	} catch {
		throw refused();
	}
	const { c, e } = (decoded ?? {}) as { c?: unknown; e?: unknown };
	if (typeof c !== 'string' || typeof e !== 'string' || !c || !e) throw refused();
	return { campaignId: c, email: e };
}
