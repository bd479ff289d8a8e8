import { type Check, verdicts } from './Check';
import { judgeDkimRecord } from './dkimRecord';
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
	const v = verdicts('dkim', s.domainName.trim().toLowerCase());
	const record = { type: 'TXT' as const, name, value: dkimRecordValue(s) };
	const rfc = 'RFC 6376 §3.6.1, RFC 8301';
	const found = await dns.txt(name);
	const keys = found.map((text) => ({ text, tags: recordTags(text) })).filter((r) => 'p' in r.tags);
	if (!keys.length)
		return v.fail({
			message: `No DKIM record at ${name}`,
			rfc,
			fix: `Add a TXT record ${name} with the value: ${record.value}`,
			record,
		});
	const replace = `Replace the TXT record ${name} with the value: ${record.value}`;
	const mine = dkimPublicKey(s);
	const own = keys.find((r) => r.tags.p === mine);
	if (!own) {
		const revoked = keys.every((r) => r.tags.p === '');
		return v.fail({
			message: revoked
				? `The DKIM record at ${name} is revoked (empty p=)`
				: `The DKIM record at ${name} holds another public key than the credential's private key: receivers would fail every signature`,
			rfc,
			fix: replace,
			record,
		});
	}
	if (keys.length > 1)
		return v.fail({
			message: `${keys.length} DKIM records at ${name}: verifiers may read either`,
			rfc,
			fix: replace,
			record,
		});
	const judged = judgeDkimRecord(own.text);
	if (judged.level === 'pass')
		return v.pass({
			message: `The DKIM record at ${name} holds this key (${judged.bits} bits)`,
			rfc,
		});
	const message = `The DKIM record at ${name} holds this key, but ${judged.why}`;
	return judged.level === 'warn' && (judged.bits ?? 2048) < 2048
		? v.warn({
				message,
				rfc,
				fix: 'Make a 2048-bit key (openssl genrsa -out dkim.pem 2048), put it in the DKIM credential and publish its record',
			})
		: v[judged.level]({ message, rfc, fix: replace, record });
}

/**
 * DKIM for a provider that signs with its own key (SendGrid, SES, Google, Microsoft): a usable
 * key at one of the selectors it signs with, judged as verifiers judge it (strength, hash, flags).
 */
export async function dkimPresenceCheck(
	dns: DnsLookup,
	domain: string,
	selectors: string[],
	provider: string,
): Promise<Check> {
	const v = verdicts('dkim', domain);
	const rfc = 'RFC 6376 §3.6.1, RFC 8301';
	if (!selectors.length)
		return v.fail({
			message: `No DKIM selector is known for ${provider} on ${domain}`,
			fix: `Give the DKIM selectors ${provider} signs with for ${domain} (in its domain authentication page) in the check's options`,
		});
	const judged: Array<{ name: string; level: Check['level']; why: string }> = [];
	for (const selector of selectors) {
		const name = `${selector}._domainkey.${domain}`;
		for (const text of (await dns.txt(name)).filter((t) => 'p' in recordTags(t)))
			judged.push({ name, ...judgeDkimRecord(text) });
	}
	const best = ['pass', 'warn', 'fail'].map((l) => judged.find((j) => j.level === l)).find(Boolean);
	const names = selectors.map((s) => `${s}._domainkey.${domain}`).join(', ');
	if (!best)
		return v.fail({
			message: `No DKIM key at ${names}`,
			rfc,
			fix: `Publish the DKIM records ${provider} gives for ${domain} (its domain authentication page): ${names}`,
		});
	if (best.level === 'pass') return v.pass({ message: `DKIM key published at ${best.name}`, rfc });
	return v[best.level]({
		message: `The DKIM key at ${best.name}: ${best.why}`,
		rfc,
		fix: `Generate a new 2048-bit DKIM key in ${provider} for ${domain} (no t=y, no h=sha1) and publish the record it gives at ${best.name}`,
	});
}
