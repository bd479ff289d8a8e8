import { invalidInput } from '../errors';
import { MIN_SECRET_BITS, secretBits } from '../util/secretStrength';

/** The fields of n8n's JWT credential (`jwtAuth`) that decide what a token proves. */
export interface SigningKeySettings {
	keyType?: string;
	secret?: string;
	publicKey?: string;
	algorithm?: string;
}

/**
 * Refuses a webhook signing key that proves nothing: the `none` algorithm (n8n would accept an
 * unsigned token), an algorithm that does not match the key type, or a passphrase a guesser finds
 * (under 128 bits). A public key is as strong as its owner made it: not judged here.
 */
export function checkSigningKey(key: SigningKeySettings): void {
	const algorithm = key.algorithm ?? 'HS256';
	const hmac = /^HS(256|384|512)$/.test(algorithm);
	const asymmetric = /^(RS|PS|ES)(256|384|512)$/.test(algorithm);
	if (!hmac && !asymmetric)
		throw invalidInput(
			`The webhook signing key's algorithm "${algorithm}" signs nothing that can be trusted`,
			'Set the JWT credential to HS256 with a random passphrase (openssl rand -base64 32).',
		);
	const passphrase = (key.keyType ?? 'passphrase') === 'passphrase';
	if (passphrase !== hmac)
		throw invalidInput(
			`The webhook signing key is a ${passphrase ? 'passphrase' : 'PEM key'} but its algorithm is ${algorithm}`,
			'A passphrase goes with HS256/384/512, a PEM key with RS, PS or ES.',
		);
	if (!passphrase) return;
	const bits = Math.floor(secretBits(key.secret ?? ''));
	if (bits < MIN_SECRET_BITS)
		throw invalidInput(
			`The webhook signing key is too easy to guess (about ${bits} bits; at least ${MIN_SECRET_BITS} needed)`,
			'Whoever guesses it can engage and release kill switches and create campaigns. Make one with: openssl rand -base64 32',
		);
}
