import { generateKeyPairSync } from 'node:crypto';

import {
	type DkimSettings,
	dkimRecordValue,
	dnsLookup,
	preflight,
	type PreflightInput,
} from '../../nodes/engine';
import { providerProfile } from '../../nodes/engine/send/deliverability/providerProfile';
import { closedPort } from '../helpers/closedPort';
import { startDnsServer } from '../helpers/dnsServer';

const key: DkimSettings = {
	domainName: 'good.example',
	keySelector: 'mta',
	privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 })
		.privateKey.export({ type: 'pkcs8', format: 'pem' })
		.toString(),
};

describe('the deliverability preflight', () => {
	let dns: Awaited<ReturnType<typeof startDnsServer>>;
	let refusing = 0;
	beforeAll(async () => {
		refusing = await closedPort();
		dns = await startDnsServer({
			txt: {
				// Good: SendGrid covered through a nested include, a key at s1, a policy.
				'good.example': ['v=spf1 include:_spf.good.example ~all', 'google-site-verification=x'],
				'_spf.good.example': ['v=spf1 include:sendgrid.net ip4:192.0.2.0/24 -all'],
				'sendgrid.net': ['v=spf1 ip4:167.89.0.0/17 -all'],
				's1._domainkey.good.example': [`k=rsa; t=s; p=${dkimRecordValue(key).split('p=')[1]}`],
				'_spf.google.com': ['v=spf1 ip4:35.190.247.0/24 ~all'],
				'spf.protection.outlook.com': ['v=spf1 ip4:40.92.0.0/15 -all'],
				'mta._domainkey.good.example': [dkimRecordValue(key)],
				'_dmarc.good.example': ['v=DMARC1; p=quarantine; rua=mailto:d@good.example'],
				// Broken in every way a domain can be.
				'two.example': ['v=spf1 include:sendgrid.net -all', 'v=spf1 a -all'],
				'other.example': ['v=spf1 include:_spf.google.com ~all'],
				'_dmarc.other.example': ['v=DMARC1; rua=mailto:d@other.example'],
				// A subdomain falls back to its parent's DMARC record.
				'_dmarc.parent.example': ['v=DMARC1; p=reject'],
			},
			mx: { 'good.example': ['mx1.good.example'], 'nullmx.example': ['.'] },
			a: {
				'mx1.good.example': ['192.0.2.25'],
				'mta.good.example': ['192.0.2.10'],
				'relay.elsewhere.example': ['198.51.100.7'],
			},
		});
	});
	afterAll(() => dns?.stop());

	const sendgrid = (domains: string[], extra: Partial<PreflightInput> = {}): PreflightInput => ({
		fromDomains: domains,
		replyToDomains: domains,
		spf: { kind: 'include', label: 'SendGrid', include: 'sendgrid.net' },
		dkim: { provider: 'SendGrid', selectors: ['s1', 's2'] },
		// Nothing listens there: the endpoint check fails the same way in every run.
		unsubscribeUrl: `https://127.0.0.1:${refusing}/webhook/unsubscribe`,
		postalAddress: '1 Main St, Springfield',
		...extra,
	});
	const byCheck = (r: { checks: Array<{ check: string; domain: string }> }, domain: string) =>
		Object.fromEntries(
			r.checks.filter((c) => c.domain === domain || c.domain === '').map((c) => [c.check, c]),
		);

	it('passes a well-kept domain: SPF through nested includes, DKIM, DMARC, MX', async () => {
		const result = await preflight(dnsLookup([dns.server]), sendgrid(['good.example']));
		const checks = byCheck(result, 'good.example');
		expect(checks.spf).toMatchObject({
			ok: true,
			message:
				'The SPF record of good.example covers SendGrid in 2 of 10 lookups and ends in ~all (others soft-fail)',
		});
		expect(checks.dkim).toMatchObject({
			ok: true,
			message: 'DKIM key published at s1._domainkey.good.example',
		});
		expect(checks.dmarc).toMatchObject({
			ok: true,
			message: 'DMARC p=quarantine at _dmarc.good.example',
		});
		expect(checks.mx).toMatchObject({
			ok: true,
			message: 'Replies to good.example go to mx1.good.example',
		});
		expect(checks.postalAddress).toMatchObject({ ok: true });
		// Only the unsubscribe endpoint fails here, and the whole verdict with it.
		expect(result.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['unsubscribe']);
		expect(result.ok).toBe(false);
		expect(result.checks.find((c) => c.check === 'unsubscribe')!.message).toBe(
			'The unsubscribe endpoint does not answer: ECONNREFUSED',
		);
	});

	it('says exactly which record to add or change for a broken domain', async () => {
		const result = await preflight(
			dnsLookup([dns.server]),
			sendgrid(['missing.example', 'two.example', 'other.example', 'nullmx.example'], {
				unsubscribeUrl: 'http://hooks.example/unsubscribe',
				postalAddress: ' ',
			}),
		);
		const missing = byCheck(result, 'missing.example');
		expect(missing.spf).toMatchObject({
			ok: false,
			message: 'No SPF record at missing.example',
			fix: 'Add a TXT record at missing.example with: v=spf1 include:sendgrid.net ~all',
		});
		expect(missing.dkim).toMatchObject({
			ok: false,
			message: 'No DKIM key at s1._domainkey.missing.example, s2._domainkey.missing.example',
			fix: 'Publish the DKIM records SendGrid gives for missing.example (its domain authentication page): s1._domainkey.missing.example, s2._domainkey.missing.example',
		});
		expect(missing.dmarc).toMatchObject({
			ok: false,
			message: 'No DMARC record for missing.example',
			fix: 'Add a TXT record _dmarc.missing.example with the value: v=DMARC1; p=none; rua=mailto:dmarc@missing.example',
		});
		expect(missing.mx).toMatchObject({
			ok: false,
			message: 'missing.example has no MX record: replies to it cannot be delivered',
		});
		expect(byCheck(result, 'two.example').spf).toMatchObject({
			ok: false,
			message:
				'2 SPF records at two.example: receivers return permerror for more than one, so SPF fails for every message',
			// `a` of a name without addresses is dropped: it is a void lookup.
			fix: 'Replace the SPF record at two.example with: v=spf1 include:sendgrid.net -all',
		});
		const other = byCheck(result, 'other.example');
		expect(other.spf).toMatchObject({
			ok: false,
			message: 'The SPF record of other.example does not cover SendGrid (no include:sendgrid.net)',
			fix: 'Replace the SPF record at other.example with: v=spf1 include:sendgrid.net include:_spf.google.com ~all',
		});
		expect(other.dmarc).toMatchObject({
			ok: false,
			message: 'The DMARC record at _dmarc.other.example has no valid policy (p=)',
		});
		expect(byCheck(result, 'nullmx.example').mx).toMatchObject({ ok: false });
		expect(result.checks.find((c) => c.check === 'unsubscribe')).toMatchObject({
			ok: false,
			message: 'The unsubscribe URL http://hooks.example/unsubscribe is not https',
		});
		expect(result.checks.find((c) => c.check === 'postalAddress')).toMatchObject({
			ok: false,
			message: 'The campaign has no postal address',
		});
	});

	it("checks the own MTA's addresses by a full SPF evaluation, and its DKIM key", async () => {
		const smtp = (host: string): PreflightInput => ({
			...sendgrid(['good.example']),
			spf: { kind: 'host', host, addresses: [] },
			dkim: { key },
		});
		const lookup = dnsLookup([dns.server]);
		const at = async (host: string) => {
			const input = smtp(host);
			input.spf = { kind: 'host', host, addresses: await lookup.addresses(host) };
			return byCheck(await preflight(lookup, input), 'good.example');
		};
		const ours = await at('mta.good.example');
		expect(ours.spf).toMatchObject({
			ok: true,
			message:
				'The SPF record of good.example covers mta.good.example (192.0.2.10) in 2 of 10 lookups and ends in ~all (others soft-fail)',
		});
		expect(ours.dkim).toMatchObject({
			ok: true,
			message: 'The DKIM record at mta._domainkey.good.example holds this key (2048 bits)',
		});
		expect((await at('relay.elsewhere.example')).spf).toMatchObject({
			ok: false,
			message:
				'The SPF record of good.example does not let relay.elsewhere.example (198.51.100.7) send for it: softfail',
			fix: 'Replace the SPF record at good.example with: v=spf1 ip4:198.51.100.7 include:_spf.good.example ~all',
		});
		expect((await at('nowhere.example')).spf).toMatchObject({
			ok: false,
			message: 'The SMTP host nowhere.example has no address in DNS, so no SPF record can cover it',
		});
	});

	it("checks Google Workspace's and Microsoft 365's includes and DKIM selectors", async () => {
		const lookup = dnsLookup([dns.server]);
		dns.zone.txt!['gw.example'] = ['v=spf1 include:_spf.google.com ~all'];
		dns.zone.txt!['google._domainkey.gw.example'] = [dkimRecordValue(key)];
		const checks = byCheck(
			await preflight(lookup, {
				...sendgrid(['gw.example']),
				...(await providerProfile(lookup, { provider: 'gmail' })),
			}),
			'gw.example',
		);
		expect(checks.spf).toMatchObject({
			ok: true,
			message:
				'The SPF record of gw.example covers Google Workspace in 1 of 10 lookups and ends in ~all (others soft-fail)',
		});
		expect(checks.dkim).toMatchObject({
			ok: true,
			message: 'DKIM key published at google._domainkey.gw.example',
		});
		// Microsoft 365 on the same domain: another include, its selector1/selector2.
		const m365 = byCheck(
			await preflight(lookup, {
				...sendgrid(['gw.example']),
				...(await providerProfile(lookup, { provider: 'microsoft365' })),
			}),
			'gw.example',
		);
		expect(m365.spf).toMatchObject({
			ok: false,
			message:
				'The SPF record of gw.example does not cover Microsoft 365 (no include:spf.protection.outlook.com)',
			fix: 'Replace the SPF record at gw.example with: v=spf1 include:spf.protection.outlook.com include:_spf.google.com ~all',
		});
		expect(m365.dkim).toMatchObject({
			ok: false,
			message: 'No DKIM key at selector1._domainkey.gw.example, selector2._domainkey.gw.example',
		});
	});

	it('finds the DMARC record of the parent domain, and fails every check when DNS is down', async () => {
		const sub = await preflight(dnsLookup([dns.server]), sendgrid(['mail.parent.example']));
		expect(byCheck(sub, 'mail.parent.example').dmarc).toMatchObject({
			ok: true,
			message: 'DMARC p=reject inherited from _dmarc.parent.example',
		});
		const silent = await startDnsServer({});
		await silent.stop();
		const down = await preflight(dnsLookup([silent.server], 200), sendgrid(['good.example']));
		expect(byCheck(down, 'good.example').spf).toMatchObject({
			ok: false,
			message: `The SPF check of good.example could not run: DNS TXT good.example through ${silent.server}: ECONNREFUSED`,
		});
		expect(down.ok).toBe(false);
	});
});
