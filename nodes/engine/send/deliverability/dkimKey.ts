import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

import { emailDomain } from '../../mail/emailAddress';

export interface DkimSettings {
	/** d=: the signing domain. */
	domainName: string;
	/** s=: the selector; the public key lives at `<selector>._domainkey.<domain>`. */
	keySelector: string;
	/** RSA, in PEM. */
	privateKey: string;
}

export interface Problem {
	message: string;
	description?: string;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const isDomain = (name: string) =>
	name.length <= 253 && name.split('.').length >= 2 && name.split('.').every((l) => LABEL.test(l));

/** Where the public key of these settings is published. */
export const dkimRecordName = (s: DkimSettings) =>
	`${s.keySelector.trim()}._domainkey.${s.domainName.trim().toLowerCase()}`;

function keyOf(s: DkimSettings): KeyObject | Problem {
	try {
		return createPrivateKey(s.privateKey.trim());
	} catch (error) {
		return {
			message: `The DKIM private key cannot be read: ${(error as Error).message}`,
			description:
				'Paste the whole PEM, from -----BEGIN PRIVATE KEY----- (or BEGIN RSA PRIVATE KEY) to its END line.',
		};
	}
}

/** Why these settings cannot sign, or null: the domain, the selector and the key are checked. */
export function dkimSettingsProblem(s: DkimSettings): Problem | null {
	if (!isDomain(s.domainName.trim()))
		return { message: `The DKIM signing domain "${s.domainName}" is not a domain name` };
	if (
		!s.keySelector
			.trim()
			.split('.')
			.every((l) => LABEL.test(l))
	)
		return {
			message: `The DKIM selector "${s.keySelector}" is not a DNS label`,
			description: 'Letters, digits and hyphens, e.g. sales2026.',
		};
	const key = keyOf(s);
	if (!('type' in key)) return key;
	const type = key.asymmetricKeyType;
	if (type === 'rsa') {
		const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
		// RFC 8301: verifiers may refuse keys under 1024 bits; 2048 is what mailbox providers expect.
		if (bits < 1024)
			return {
				message: `The DKIM key has ${bits} bits: receivers refuse RSA keys under 1024`,
				description: 'Make a 2048-bit key: openssl genrsa -out dkim.pem 2048',
			};
		return null;
	}
	// Ed25519 (RFC 8463) is not verified by every receiver yet, and nodemailer's signer would leave
	// such messages unsigned without a word: refused here rather than sent unsigned.
	return {
		message: `The DKIM key is ${type}: sign with an RSA key`,
		description:
			'Make a 2048-bit RSA key (openssl genrsa -out dkim.pem 2048); Ed25519 signatures are not verified by every receiver yet.',
	};
}

/** The `p=` value of the key: base64 of its public key (SubjectPublicKeyInfo, DER). */
export const dkimPublicKey = (s: DkimSettings): string =>
	createPublicKey(createPrivateKey(s.privateKey.trim()))
		.export({ type: 'spki', format: 'der' })
		.toString('base64');

/** The TXT record to publish for these settings. */
export const dkimRecordValue = (s: DkimSettings): string => `v=DKIM1; k=rsa; p=${dkimPublicKey(s)}`;

/** The tags of a DKIM (or other tag=value) record: `v=DKIM1; p=…` → { v: 'DKIM1', p: '…' }. */
export function recordTags(record: string): Record<string, string> {
	const tags: Record<string, string> = {};
	for (const part of record.split(';')) {
		const at = part.indexOf('=');
		if (at > 0)
			tags[part.slice(0, at).trim().toLowerCase()] = part.slice(at + 1).replace(/\s+/g, '');
	}
	return tags;
}

/**
 * Whether a signature for `domain` aligns with a From `address` under DMARC's relaxed alignment,
 * taken as one being the other or a subdomain of it (northwind.com signs for mail.northwind.com).
 */
export function dkimAligned(domain: string, address: string): boolean {
	const d = domain.trim().toLowerCase();
	const from = emailDomain(address);
	return !!from && (from === d || from.endsWith(`.${d}`) || d.endsWith(`.${from}`));
}
