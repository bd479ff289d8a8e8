import { EngineError, invalidInput } from '../errors';
import type { Queryable } from '../store/Db';

/** The longest a webhook token may live (RFC 7519 `exp` − `iat`): a copy is worthless after it. */
export const MAX_TOKEN_LIFETIME_S = 300;

/** How far a caller's clock may run ahead of this one. */
const CLOCK_SKEW_S = 60;

export interface AcceptedRequest {
	jti: string;
	expiresAt: string;
}

const refused = (message: string) =>
	invalidInput(
		message,
		`Sign each request with a new token: HS256, "iat" now, "exp" at most ${MAX_TOKEN_LIFETIME_S} s later and a random "jti" (scripts/webhook-token.js makes one).`,
	);

const seconds = (claims: Record<string, unknown>, name: string): number => {
	const v = claims[name];
	if (typeof v !== 'number' || !Number.isSafeInteger(v))
		throw refused(`The webhook token has no "${name}" claim in whole seconds`);
	return v;
};

/**
 * Accepts the claims of a webhook token that n8n has verified (its signature and expiry) once: the
 * token must say when it was made and expire within five minutes of that, and its id is recorded
 * until then, so the Authorization header n8n keeps in its execution records cannot be replayed.
 * The signing key itself never travels, so n8n's records never hold it.
 */
export async function acceptSignedRequest(
	q: Queryable,
	claims: unknown,
	now = Date.now(),
): Promise<AcceptedRequest> {
	if (!claims || typeof claims !== 'object' || Array.isArray(claims))
		throw refused('The request carries no verified webhook token');
	const c = claims as Record<string, unknown>;
	const iat = seconds(c, 'iat');
	const exp = seconds(c, 'exp');
	const nowS = Math.floor(now / 1000);
	if (exp - iat > MAX_TOKEN_LIFETIME_S || exp <= iat)
		throw refused(
			`The webhook token lives ${exp - iat} s; at most ${MAX_TOKEN_LIFETIME_S} s is accepted`,
		);
	if (exp <= nowS) throw refused('The webhook token has expired');
	if (iat > nowS + CLOCK_SKEW_S)
		throw refused('The webhook token was issued in the future (check the caller clock)');
	const jti = c.jti;
	if (typeof jti !== 'string' || !/^[\x21-\x7e]{16,128}$/.test(jti))
		throw refused('The webhook token needs a "jti" claim: 16 to 128 random printable characters');
	const expiresAt = new Date(exp * 1000).toISOString();
	await q.query('delete from webhook_requests where expires_at < $1', [
		new Date(now).toISOString(),
	]);
	const { rows } = await q.query(
		`insert into webhook_requests (jti, expires_at) values ($1, $2)
		on conflict (jti) do nothing returning jti`,
		[jti, expiresAt],
	);
	if (!rows.length)
		throw new EngineError(
			'CONFLICT',
			'This webhook token was already used',
			'Each request needs a token of its own (a new "jti"): a token is accepted once.',
		);
	return { jti, expiresAt };
}
