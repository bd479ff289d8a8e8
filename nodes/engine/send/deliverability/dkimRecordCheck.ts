import type { Check } from './Check';
import type { DnsLookup } from './dnsLookup';
import {
	type DkimSettings,
	dkimPublicKey,
	dkimRecordName,
	dkimRecordValue,
	recordTags,
} from './dkimKey';

/**
 * The DKIM key of an SMTP sender against DNS: a record at `<selector>._domainkey.<domain>` whose
 * public key is the one of the private key that signs. A different key there means every signature
 * fails at the receiver, which is worse than none.
 */
export async function dkimRecordCheck(dns: DnsLookup, s: DkimSettings): Promise<Check> {
	const name = dkimRecordName(s);
	const base = { check: 'dkim' as const, domain: s.domainName.trim().toLowerCase() };
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

/**
 * DKIM for a provider that signs with its own key (SendGrid, SES, Google, Microsoft): a public key
 * at one of the selectors it signs with. Only the provider knows the key, so presence is checked.
 */
export async function dkimPresenceCheck(
	dns: DnsLookup,
	domain: string,
	selectors: string[],
	provider: string,
): Promise<Check> {
	const base = { check: 'dkim' as const, domain };
	if (!selectors.length)
		return {
			...base,
			ok: false,
			message: `No DKIM selector is known for ${provider} on ${domain}`,
			fix: `Give the DKIM selectors ${provider} signs with for ${domain} (in its domain authentication page) in the check's options`,
		};
	for (const selector of selectors) {
		const name = `${selector}._domainkey.${domain}`;
		if ((await dns.txt(name)).map(recordTags).some((t) => t.p))
			return { ...base, ok: true, message: `DKIM key published at ${name}` };
	}
	const names = selectors.map((s) => `${s}._domainkey.${domain}`).join(', ');
	return {
		...base,
		ok: false,
		message: `No DKIM key at ${names}`,
		fix: `Publish the DKIM records ${provider} gives for ${domain} (its domain authentication page): ${names}`,
	};
}
