import type { DnsLookup } from './dnsLookup';
import {
	type DkimSettings,
	dkimPublicKey,
	dkimRecordName,
	dkimRecordValue,
	recordTags,
} from './dkimKey';

/** One deliverability check's verdict; `fix` says exactly what to change when it fails. */
export interface Check {
	check: string;
	domain: string;
	ok: boolean;
	message: string;
	fix?: string;
}

/**
 * The DKIM key of an SMTP sender against DNS: a record at `<selector>._domainkey.<domain>` whose
 * public key is the one of the private key that signs. A different key there means every signature
 * fails at the receiver, which is worse than none.
 */
export async function dkimRecordCheck(dns: DnsLookup, s: DkimSettings): Promise<Check> {
	const name = dkimRecordName(s);
	const base = { check: 'dkim', domain: s.domainName.trim().toLowerCase() };
	const add = `Add a TXT record ${name} with the value: ${dkimRecordValue(s)}`;
	const records = (await dns.txt(name)).map(recordTags).filter((t) => 'p' in t);
	if (!records.length)
		return { ...base, ok: false, message: `No DKIM record at ${name}`, fix: add };
	const mine = dkimPublicKey(s);
	if (records.some((t) => t.p === mine))
		return { ...base, ok: true, message: `The DKIM record at ${name} holds this key` };
	const revoked = records.every((t) => t.p === '');
	return {
		...base,
		ok: false,
		message: revoked
			? `The DKIM record at ${name} is revoked (empty p=)`
			: `The DKIM record at ${name} holds another public key than the credential's private key: receivers would fail every signature`,
		fix: `Replace the TXT record ${name} with the value: ${dkimRecordValue(s)}`,
	};
}
