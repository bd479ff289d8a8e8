import { generateKeyPairSync } from 'node:crypto';
import { Resolver } from 'node:dns/promises';

import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';

import { dkimVerify } from 'mailauth/lib/dkim/verify';

import {
	type DkimSettings,
	dkimRecordCheck,
	dispatch,
	dkimRecordValue,
	dnsLookup,
	type Engine,
	smtpProvider,
} from '../../nodes/engine';
import { TEST_COMPLIANCE } from '../fixtures/approvedCampaign';
import { salesEngineDkimTest } from '../../nodes/SalesSender/actions/dkimCredential';
import { startDnsServer } from '../helpers/dnsServer';
import { startSmtpSink } from '../helpers/smtpSink';

const pem = (bits = 2048) =>
	generateKeyPairSync('rsa', { modulusLength: bits })
		.privateKey.export({ type: 'pkcs8', format: 'pem' })
		.toString();

const rsa: DkimSettings = {
	domainName: 'northwind.example.com',
	keySelector: 'sales2026',
	privateKey: pem(),
};
const other = pem();

describe('DKIM for the SMTP provider', () => {
	let dns: Awaited<ReturnType<typeof startDnsServer>>;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		dns = await startDnsServer({
			txt: {
				'sales2026._domainkey.northwind.example.com': [dkimRecordValue(rsa)],
				'old._domainkey.northwind.example.com': ['v=DKIM1; k=rsa; p='],
				'stale._domainkey.northwind.example.com': [dkimRecordValue({ ...rsa, privateKey: other })],
			},
		});
		sink = await startSmtpSink();
	});
	afterAll(async () => {
		await sink?.stop();
		await dns?.stop();
	});

	/** mailauth's verifier, asking the loopback DNS server as a receiver asks the real one. */
	const verify = async (raw: string) => {
		const resolver = new Resolver();
		resolver.setServers([dns.server]);
		const { results } = await dkimVerify(raw, {
			// RFC 8601's reading: a body that does not match its hash is a fail, not neutral.
			strict: true,
			resolver: (name: string, rr: string) => resolver.resolve(name, rr as 'TXT'),
		});
		return results.map((r) => ({
			domain: r.signingDomain,
			selector: r.selector,
			result: r.status.result,
		}));
	};

	it('signs every message so that a receiver verifies it, and a changed body fails', async () => {
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port, dkim: rsa });
		await provider.send({
			from: '"Dana" <dana@northwind.example.com>',
			to: 'ana@acme.example.net',
			subject: 'Quick question about Acme’s onboarding',
			text: 'Hi Ana,\r\n\r\nline one\r\n.\r\nline after a lone dot\r\n',
			headers: {
				'List-Unsubscribe': '<https://hooks.northwind.example.com/u/abc>',
				'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
			},
			messageId: '<dkim-1@northwind.example.com>',
		});
		await provider.close();
		const raw = sink.received.find((m) => m.messageId === '<dkim-1@northwind.example.com>')!.raw;
		const signature = /^DKIM-Signature: (.*(?:\r\n[ \t].*)*)/m.exec(raw)![1].replace(/\s+/g, '');
		expect(signature).toMatch(/^v=1;a=rsa-sha256;c=relaxed\/relaxed;d=northwind\.example\.com;/);
		// RFC 8058: one-click unsubscribe counts only with both headers under the signature.
		expect(/;h=([^;]+)/.exec(signature)![1].split(':')).toEqual(
			expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'from', 'subject']),
		);
		expect(await verify(raw)).toEqual([
			{ domain: 'northwind.example.com', selector: 'sales2026', result: 'pass' },
		]);
		expect((await verify(raw.replace('line one', 'line 1')))[0].result).toBe('fail');
	});

	it('refuses a key it cannot sign with, before anything is sent', () => {
		const make = (dkim: Partial<DkimSettings>) => () =>
			smtpProvider({ host: '127.0.0.1', port: sink.port, dkim: { ...rsa, ...dkim } });
		expect(make({ privateKey: 'not a key' })).toThrow(/^The DKIM private key cannot be read: /);
		expect(make({ privateKey: pem(512) })).toThrow(
			'The DKIM key has 512 bits: receivers refuse RSA keys under 1024',
		);
		expect(make({ domainName: 'northwind' })).toThrow(
			'The DKIM signing domain "northwind" is not a domain name',
		);
		expect(make({ keySelector: 'sales 2026' })).toThrow(
			'The DKIM selector "sales 2026" is not a DNS label',
		);
		for (const type of ['ed25519', 'ec'] as const) {
			const key = generateKeyPairSync(type as 'ec', { namedCurve: 'P-256' })
				.privateKey.export({ type: 'pkcs8', format: 'pem' })
				.toString();
			expect(make({ privateKey: key })).toThrow(`The DKIM key is ${type}: sign with an RSA key`);
		}
	});

	it('checks the published record against the key and says exactly which record to add', async () => {
		const lookup = dnsLookup([dns.server]);
		expect(await dkimRecordCheck(lookup, rsa)).toEqual({
			check: 'dkim',
			domain: 'northwind.example.com',
			ok: true,
			level: 'pass',
			rfc: 'RFC 6376 §3.6.1, RFC 8301',
			message:
				'The DKIM record at sales2026._domainkey.northwind.example.com holds this key (2048 bits)',
		});
		const missing = await dkimRecordCheck(lookup, { ...rsa, keySelector: 'nope' });
		expect(missing).toMatchObject({
			ok: false,
			message: 'No DKIM record at nope._domainkey.northwind.example.com',
			fix: `Add a TXT record nope._domainkey.northwind.example.com with the value: ${dkimRecordValue(rsa)}`,
		});
		expect(await dkimRecordCheck(lookup, { ...rsa, keySelector: 'stale' })).toMatchObject({
			ok: false,
			message:
				"The DKIM record at stale._domainkey.northwind.example.com holds another public key than the credential's private key: receivers would fail every signature",
			fix: `Replace the TXT record stale._domainkey.northwind.example.com with the value: ${dkimRecordValue(rsa)}`,
		});
		expect(await dkimRecordCheck(lookup, { ...rsa, keySelector: 'old' })).toMatchObject({
			ok: false,
			message: 'The DKIM record at old._domainkey.northwind.example.com is revoked (empty p=)',
		});
	});

	it('says which DNS server did not answer, never "no record"', async () => {
		// A UDP port nobody listens on: the question times out.
		const silent = await startDnsServer({});
		await silent.stop();
		const lookup = dnsLookup([silent.server], 200);
		await expect(dkimRecordCheck(lookup, rsa)).rejects.toThrow(
			`DNS TXT sales2026._domainkey.northwind.example.com through ${silent.server}: ECONNREFUSED`,
		);
	});

	it("tests the credential in n8n's editor against the configured DNS servers", async () => {
		const test = (data: Partial<DkimSettings>) =>
			salesEngineDkimTest.call(
				{} as ICredentialTestFunctions,
				{ id: '1', name: 'DKIM', type: 'salesEngineDkimApi', data } as ICredentialsDecrypted,
			);
		process.env.SALES_ENGINE_DNS_SERVERS = dns.server;
		try {
			expect(await test(rsa)).toEqual({
				status: 'OK',
				message:
					'The DKIM record at sales2026._domainkey.northwind.example.com holds this key (2048 bits)',
			});
			expect(await test({ ...rsa, keySelector: 'nope' })).toEqual({
				status: 'Error',
				message: `No DKIM record at nope._domainkey.northwind.example.com. Add a TXT record nope._domainkey.northwind.example.com with the value: ${dkimRecordValue(rsa)}`,
			});
			expect(await test({ ...rsa, privateKey: '' })).toMatchObject({
				status: 'Error',
				message: expect.stringMatching(
					/^The DKIM private key cannot be read: .*Paste the whole PEM/,
				),
			});
		} finally {
			delete process.env.SALES_ENGINE_DNS_SERVERS;
		}
	});

	it('refuses to send from a mailbox the signature does not align with (DMARC would fail)', async () => {
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port, dkim: rsa });
		const send = (address: string) =>
			dispatch({} as Engine, {
				campaignId: 'never-read',
				provider,
				mailboxes: [{ address: 'dana@mail.northwind.example.com' }, { address }],
				compliance: TEST_COMPLIANCE,
			});
		await expect(send('sam@globex.example.com')).rejects.toThrow(
			'The mailbox sam@globex.example.com is outside the DKIM signing domain northwind.example.com',
		);
		// An aligned list (a subdomain counts) passes the check and goes on to read the campaign.
		await expect(send('sam@northwind.example.com')).rejects.toThrow('Campaign ID must be a UUID');
		await provider.close();
	});
});
