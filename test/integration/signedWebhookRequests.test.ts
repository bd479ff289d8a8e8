import { randomBytes } from 'node:crypto';

import { acceptSignedRequest, checkSigningKey, MAX_TOKEN_LIFETIME_S } from '../../nodes/engine';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const claimsAt = (nowS: number, over: Record<string, unknown> = {}) => ({
	iat: nowS,
	exp: nowS + MAX_TOKEN_LIFETIME_S,
	jti: randomBytes(16).toString('base64url'),
	...over,
});

describe.each(STORE_KINDS)('a signed webhook request is accepted once, on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store?.dispose());
	const accept = (claims: unknown, now = Date.now()) =>
		acceptSignedRequest(store.engine.db, claims, now);
	const nowS = () => Math.floor(Date.now() / 1000);

	it('takes a fresh token once, and a copy of it never again (two callers at the same time included)', async () => {
		const claims = claimsAt(nowS());
		const twice = await Promise.allSettled([accept(claims), accept({ ...claims })]);
		expect(twice.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		await expect(accept(claims)).rejects.toThrow('This webhook token was already used');
		await expect(accept(claimsAt(nowS()))).resolves.toMatchObject({
			expiresAt: expect.any(String),
		});
	});

	it('refuses a token that lives too long, has expired, comes from the future or has no id', async () => {
		const t = nowS();
		const refusals: Array<[unknown, RegExp]> = [
			[claimsAt(t, { exp: t + MAX_TOKEN_LIFETIME_S + 1 }), /lives 301 s; at most 300/],
			[claimsAt(t, { exp: undefined }), /no "exp" claim/],
			[claimsAt(t, { exp: 1e20 }), /no "exp" claim/],
			[claimsAt(t, { iat: '1700000000' }), /no "iat" claim/],
			[claimsAt(t - 400, { exp: t - 100 }), /has expired/],
			[claimsAt(t + 3600), /issued in the future/],
			[claimsAt(t, { exp: t }), /lives 0 s/],
			[claimsAt(t, { jti: undefined }), /needs a "jti"/],
			[claimsAt(t, { jti: 'short' }), /needs a "jti"/],
			[claimsAt(t, { jti: 'x'.repeat(129) }), /needs a "jti"/],
			[claimsAt(t, { jti: 'line\nbreak-0123456789' }), /needs a "jti"/],
			[null, /no verified webhook token/],
			[[claimsAt(t)], /no verified webhook token/],
			['{"iat":1}', /no verified webhook token/],
		];
		for (const [claims, reason] of refusals) await expect(accept(claims)).rejects.toThrow(reason);
	});

	it('forgets the ids of expired tokens, so the record stays small', async () => {
		const old = claimsAt(nowS() - 200);
		await accept(old);
		await accept(claimsAt(nowS()), (old.exp + 1) * 1000);
		const { rows } = await store.engine.db.query('select 1 from webhook_requests where jti = $1', [
			old.jti,
		]);
		expect(rows).toHaveLength(0);
	});
});

describe('the webhook signing key', () => {
	it('must be a random passphrase of 128 bits with an HMAC algorithm, or a PEM key with its own', () => {
		const strong = randomBytes(32).toString('base64');
		expect(() =>
			checkSigningKey({ keyType: 'passphrase', secret: strong, algorithm: 'HS256' }),
		).not.toThrow();
		expect(() =>
			checkSigningKey({ keyType: 'pemKey', publicKey: 'k', algorithm: 'RS256' }),
		).not.toThrow();
		const refused: Array<[object, RegExp]> = [
			[{ keyType: 'passphrase', secret: strong, algorithm: 'none' }, /"none" signs nothing/],
			[
				{ keyType: 'passphrase', secret: strong, algorithm: 'RS256' },
				/passphrase but its algorithm is RS256/,
			],
			[
				{ keyType: 'pemKey', publicKey: 'k', algorithm: 'HS256' },
				/PEM key but its algorithm is HS256/,
			],
			[
				{ keyType: 'passphrase', secret: ' '.repeat(40), algorithm: 'HS256' },
				/too easy to guess \(about 0 bits/,
			],
			[
				{ keyType: 'passphrase', secret: 'e2e-webhook-key-0123456789', algorithm: 'HS256' },
				/too easy to guess/,
			],
			[{ keyType: 'passphrase', algorithm: 'HS512' }, /too easy to guess/],
		];
		for (const [key, reason] of refused) expect(() => checkSigningKey(key)).toThrow(reason);
	});
});
