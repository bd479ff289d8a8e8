import { createHmac, randomBytes } from 'node:crypto';

import { MIN_SECRET_BITS, secretBits } from '../../../nodes/engine/util/secretStrength';
import { unsubscribeSettingsProblem } from '../../../nodes/engine/send/unsubscribeSettings';
import {
	unsubscribeToken,
	verifyUnsubscribeToken,
} from '../../../nodes/engine/send/unsubscribeToken';

describe('the entropy a signing secret must have', () => {
	it('refuses what a guesser finds: repeats, words, short keys, the shipped placeholder', () => {
		for (const weak of [
			' '.repeat(16),
			'a'.repeat(64),
			'abababababababababababababababab',
			'correct-horse-battery-staple-forever-and-ever',
			'a-long-unsubscribe-secret-for-the-tests',
			'replace-with-a-long-random-secret',
			'Password1234567890!',
			randomBytes(12).toString('base64'),
			'',
		])
			expect([weak, secretBits(weak) < MIN_SECRET_BITS]).toEqual([weak, true]);
	});

	it('accepts random keys of 128 bits and more, as the tools make them', () => {
		// The estimate is conservative by design: a random key whose letters happen to fall into long
		// lower-case runs (each priced as one dictionary word) can come out under 128 bits. Measured:
		// 2 of 900,000 keys of 32 random bytes (the lowest 125.5 bits). So this bounds the rate, and
		// a refusal tells the user to make another key rather than going unnoticed.
		const refused: string[] = [];
		for (let i = 0; i < 2000; i++) {
			for (const strong of [
				randomBytes(32).toString('base64'),
				randomBytes(32).toString('hex'),
				randomBytes(32).toString('base64url'),
			])
				if (secretBits(strong) < MIN_SECRET_BITS) refused.push(strong);
		}
		expect(refused.length).toBeLessThanOrEqual(1);
		for (const key of refused) expect(secretBits(key)).toBeGreaterThan(100);
	});

	it('is the rule for the unsubscribe secret', () => {
		expect(
			unsubscribeSettingsProblem(
				{ unsubscribeUrl: 'https://x.example/u', secret: ' '.repeat(16) },
				true,
			)?.message,
		).toMatch(
			/^The unsubscribe secret is too easy to guess \(about 0 bits; at least 128 needed\)$/,
		);
		expect(
			unsubscribeSettingsProblem(
				{ unsubscribeUrl: 'https://x.example/u', secret: randomBytes(32).toString('base64') },
				true,
			),
		).toBeNull();
	});
});

describe('unsubscribe tokens decode strictly', () => {
	const secret = randomBytes(32).toString('base64');
	const token = unsubscribeToken(secret, 'c-1', 'Eve@Acme.example.net');

	it('takes the token as signed, and nothing else', () => {
		expect(verifyUnsubscribeToken(secret, token)).toEqual({
			campaignId: 'c-1',
			email: 'eve@acme.example.net',
		});
		const [payload, signature] = token.split('.');
		for (const bad of [
			`${token}x`,
			`${token}==`,
			`${token}!!`,
			`${token}.extra`,
			`${payload}.${signature.slice(0, -1)}`,
			`${payload}x.${signature}`,
			`${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
			`${payload}`,
			`.${signature}`,
			`${payload} .${signature}`,
			`${'A'.repeat(5000)}.${signature}`,
			'',
		])
			expect(() => verifyUnsubscribeToken(secret, bad)).toThrow(
				'This unsubscribe link is not valid',
			);
		expect(() => verifyUnsubscribeToken(randomBytes(32).toString('base64'), token)).toThrow(
			'This unsubscribe link is not valid',
		);
	});

	it('refuses a correctly signed payload that is not a token', () => {
		const sign = (payload: string) =>
			`${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
		for (const body of ['not json', '[]', '{"c":1,"e":"x@y.z"}', '{"c":"c"}', 'null'])
			expect(() =>
				verifyUnsubscribeToken(secret, sign(Buffer.from(body).toString('base64url'))),
			).toThrow('This unsubscribe link is not valid');
	});
});
