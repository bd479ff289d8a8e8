import { createPublicKey } from 'node:crypto';

import { recordTags } from './dkimKey';

/** What a published DKIM key record is worth to a verifier. */
export interface DkimRecordVerdict {
	level: 'pass' | 'warn' | 'fail';
	/** Why, when not a plain pass. */
	why: string;
	bits?: number;
}

function rsaBits(p: string): number | null {
	const der = Buffer.from(p, 'base64');
	for (const type of ['spki', 'pkcs1'] as const) {
		try {
			return (
				createPublicKey({ key: der, format: 'der', type }).asymmetricKeyDetails?.modulusLength ??
				null
			);
		} catch {
			// the other encoding
		}
	}
	return null;
}

/**
 * A DKIM key record (RFC 6376 §3.6.1) as verifiers judge it: `v=` if present must be DKIM1; an
 * empty `p=` is a revoked key; `h=` without sha256 leaves only SHA-1, which verifiers must not
 * accept (RFC 8301 §3.1); an RSA key under 1024 bits is refused (RFC 8301 §3.2), under 2048 it
 * passes with a warning (the size Google and Microsoft ask for); `t=y` marks a domain testing
 * DKIM, whose failures verifiers may disregard. Ed25519 (RFC 8463) keys are taken as they are.
 */
export function judgeDkimRecord(text: string): DkimRecordVerdict {
	const tags = recordTags(text);
	if (tags.v !== undefined && tags.v !== 'DKIM1')
		return { level: 'fail', why: `v=${tags.v} is not DKIM1` };
	if (!('p' in tags)) return { level: 'fail', why: 'the record has no p= key' };
	if (tags.p === '') return { level: 'fail', why: 'the key is revoked (empty p=)' };
	const hashes = (tags.h ?? '').toLowerCase().split(':').filter(Boolean);
	if (hashes.length && !hashes.includes('sha256'))
		return {
			level: 'fail',
			why: `h=${tags.h} allows only ${hashes.join(', ')}: SHA-1 signatures are refused`,
		};
	const k = (tags.k ?? 'rsa').toLowerCase();
	let bits: number | undefined;
	if (k === 'rsa') {
		const read = rsaBits(tags.p);
		if (read === null) return { level: 'fail', why: 'the p= value is not an RSA public key' };
		bits = read;
		if (bits < 1024)
			return {
				level: 'fail',
				why: `the RSA key has ${bits} bits: verifiers refuse keys under 1024`,
				bits,
			};
	} else if (k !== 'ed25519') return { level: 'fail', why: `k=${k} is not a DKIM key type` };
	const flags = (tags.t ?? '').toLowerCase().split(':');
	if (flags.includes('y'))
		return {
			level: 'warn',
			why: 't=y: the domain says it is testing DKIM, so verifiers may disregard its signatures',
			bits,
		};
	if (bits !== undefined && bits < 2048)
		return {
			level: 'warn',
			why: `the RSA key has ${bits} bits: 2048 is what Gmail and Microsoft ask of bulk senders`,
			bits,
		};
	return { level: 'pass', why: '', bits };
}
