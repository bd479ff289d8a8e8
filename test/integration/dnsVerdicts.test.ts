import { generateKeyPairSync } from 'node:crypto';

import { type DkimSettings, dkimRecordValue, dnsLookup } from '../../nodes/engine';
import type { Check } from '../../nodes/engine/send/deliverability/Check';
import {
	dkimPresenceCheck,
	dkimRecordCheck,
} from '../../nodes/engine/send/deliverability/dkimRecordCheck';
import type { DnsLookup } from '../../nodes/engine/send/deliverability/dnsLookup';
import { dmarcCheck } from '../../nodes/engine/send/deliverability/dmarcCheck';
import { mxCheck } from '../../nodes/engine/send/deliverability/mxCheck';
import { type SpfSender, spfCheck } from '../../nodes/engine/send/deliverability/spfCheck';
import { startDnsServer, type Zone } from '../helpers/dnsServer';

/** The base64 public key of a fresh RSA key of `bits`, as a DKIM record's p= holds it. */
const publicKey = (bits: number) =>
	generateKeyPairSync('rsa', { modulusLength: bits })
		.publicKey.export({ type: 'spki', format: 'der' })
		.toString('base64');
const K2048 = publicKey(2048);

const signer: DkimSettings = {
	domainName: 'signed.test',
	keySelector: 'mta',
	privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 })
		.privateKey.export({ type: 'pkcs8', format: 'pem' })
		.toString(),
};

const SENDGRID = { kind: 'include' as const, label: 'SendGrid', include: 'sendgrid.net' };
const OWN_MTA = { kind: 'host' as const, host: 'mta.own.test', addresses: ['192.0.2.10'] };

interface Case {
	name: string;
	zone: Zone;
	run: (dns: DnsLookup) => Promise<Check>;
	level: Check['level'];
	/** The fix applied by hand where it is not a record (a key made in the provider's console). */
	apply?: (zone: Zone) => void;
}

const spf = (
	domain: string,
	records: string[],
	extra: Zone['txt'] = {},
	sender: SpfSender = SENDGRID,
): Case => ({
	name: `SPF ${domain}: ${records.join(' | ') || '(none)'}`,
	zone: { txt: { [domain]: [...records, 'google-site-verification=abc'], ...extra } },
	run: (dns) => spfCheck(dns, domain, sender),
	level: 'fail',
});
const pass = (c: Case, level: Check['level'] = 'pass'): Case => ({ ...c, level });

/** Ten other senders' includes, each one lookup: with the provider's, 11 lookups. */
const tenIncludes = Object.fromEntries(
	Array.from({ length: 10 }, (_, i) => [
		`spf${i}.vendors.test`,
		[`v=spf1 ip4:203.0.113.${i} -all`],
	]),
);

const dkim = (
	domain: string,
	record: string | null,
	level: Check['level'],
	apply?: Case['apply'],
): Case => ({
	name: `DKIM ${domain}: ${record?.slice(0, 40) ?? '(none)'}`,
	zone: { txt: record === null ? {} : { [`s1._domainkey.${domain}`]: [record] } },
	run: (dns) => dkimPresenceCheck(dns, domain, ['s1', 's2'], 'SendGrid'),
	level,
	apply,
});
const newKey = (domain: string) => (zone: Zone) => {
	zone.txt![`s1._domainkey.${domain}`] = [`v=DKIM1; k=rsa; p=${K2048}`];
};

const dmarc = (
	domain: string,
	records: Record<string, string[]>,
	level: Check['level'],
	signingDomain?: string,
): Case => ({
	name: `DMARC ${domain}: ${JSON.stringify(records)}`,
	zone: { txt: records },
	run: (dns) => dmarcCheck(dns, domain, { signingDomain }),
	level,
});

const CASES: Case[] = [
	pass(spf('spf-strict.test', ['v=spf1 include:sendgrid.net -all'])),
	pass(spf('spf-soft.test', ['v=spf1 include:sendgrid.net ~all'])),
	spf('spf-none.test', []),
	spf('spf-two.test', ['v=spf1 include:sendgrid.net -all', 'v=spf1 a -all'], {}),
	spf('spf-plus.test', ['v=spf1 include:sendgrid.net +all']),
	spf('spf-neutral.test', ['v=spf1 include:sendgrid.net ?all']),
	spf('spf-noall.test', ['v=spf1 include:sendgrid.net']),
	spf(
		'spf-eleven.test',
		[
			`v=spf1 include:sendgrid.net ${Object.keys(tenIncludes)
				.map((d) => `include:${d}`)
				.join(' ')} ~all`,
		],
		tenIncludes,
	),
	spf('spf-loop.test', ['v=spf1 include:sendgrid.net include:a.loop.test ~all'], {
		'a.loop.test': ['v=spf1 include:b.loop.test -all'],
		'b.loop.test': ['v=spf1 include:a.loop.test -all'],
	}),
	spf('spf-selfloop.test', ['v=spf1 include:sendgrid.net include:spf-selfloop.test ~all']),
	spf('spf-noprovider.test', ['v=spf1 ip4:198.51.100.1 -all']),
	spf('spf-void.test', [
		'v=spf1 include:sendgrid.net a:gone1.void.test a:gone2.void.test mx:gone3.void.test -all',
	]),
	spf('spf-dangling.test', ['v=spf1 include:sendgrid.net include:nothing.dangling.test -all']),
	spf('spf-badterm.test', ['v=spf1 include:sendgrid.net foo:bar -all']),
	pass(
		spf('spf-redirect.test', ['v=spf1 redirect=_spf.redirect.test'], {
			'_spf.redirect.test': ['v=spf1 include:sendgrid.net -all'],
		}),
	),
	pass(spf('spf-own.test', ['v=spf1 ip4:192.0.2.0/28 -all'], {}, OWN_MTA)),
	spf('spf-own-missing.test', ['v=spf1 ip4:192.0.2.99 ~all'], {}, OWN_MTA),

	dmarc('dmarc-reject.test', { '_dmarc.dmarc-reject.test': ['v=DMARC1; p=reject'] }, 'pass'),
	dmarc(
		'dmarc-none.test',
		{ '_dmarc.dmarc-none.test': ['v=DMARC1; p=none; rua=mailto:d@dmarc-none.test'] },
		'warn',
	),
	dmarc(
		'dmarc-two.test',
		{ '_dmarc.dmarc-two.test': ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] },
		'fail',
	),
	dmarc('dmarc-missing.test', {}, 'fail'),
	dmarc(
		'dmarc-nopolicy.test',
		{ '_dmarc.dmarc-nopolicy.test': ['v=DMARC1; rua=mailto:d@dmarc-nopolicy.test'] },
		'fail',
	),
	dmarc('news.dmarc-parent.test', { '_dmarc.dmarc-parent.test': ['v=DMARC1; p=reject'] }, 'pass'),
	dmarc('news.dmarc-sp.test', { '_dmarc.dmarc-sp.test': ['v=DMARC1; p=reject; sp=none'] }, 'warn'),
	dmarc('dmarc-pct.test', { '_dmarc.dmarc-pct.test': ['v=DMARC1; p=quarantine; pct=20'] }, 'warn'),
	dmarc(
		'news.dmarc-strict.test',
		{ '_dmarc.news.dmarc-strict.test': ['v=DMARC1; p=reject; adkim=s'] },
		'fail',
		'dmarc-strict.test',
	),

	dkim('dkim-good.test', `v=DKIM1; k=rsa; p=${K2048}`, 'pass'),
	dkim('dkim-1024.test', `v=DKIM1; k=rsa; p=${publicKey(1024)}`, 'warn'),
	dkim('dkim-512.test', `v=DKIM1; k=rsa; p=${publicKey(512)}`, 'fail', newKey('dkim-512.test')),
	dkim('dkim-testing.test', `v=DKIM1; k=rsa; t=y; p=${K2048}`, 'warn'),
	dkim('dkim-sha1.test', `v=DKIM1; k=rsa; h=sha1; p=${K2048}`, 'fail', newKey('dkim-sha1.test')),
	dkim('dkim-revoked.test', 'v=DKIM1; k=rsa; p=', 'fail', newKey('dkim-revoked.test')),
	dkim(
		'dkim-garbage.test',
		'v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC',
		'fail',
		newKey('dkim-garbage.test'),
	),
	dkim('dkim-missing.test', null, 'fail', newKey('dkim-missing.test')),
	{
		name: 'DKIM signed.test: another key at the selector',
		zone: { txt: { 'mta._domainkey.signed.test': [`v=DKIM1; k=rsa; p=${K2048}`] } },
		run: (dns) => dkimRecordCheck(dns, signer),
		level: 'fail',
	},
	{
		name: 'DKIM signed.test: the key, with h=sha1',
		zone: {
			txt: {
				'mta._domainkey.signed2.test': [
					`${dkimRecordValue({ ...signer, domainName: 'signed2.test' })}; h=sha1`,
				],
			},
		},
		run: (dns) => dkimRecordCheck(dns, { ...signer, domainName: 'signed2.test' }),
		level: 'fail',
	},

	{
		name: 'MX mx-good.test',
		zone: { mx: { 'mx-good.test': ['in.mx-good.test'] }, a: { 'in.mx-good.test': ['192.0.2.30'] } },
		run: (dns) => mxCheck(dns, 'mx-good.test'),
		level: 'pass',
	},
	{
		name: 'MX mx-alias.test: the exchange is a CNAME',
		zone: {
			mx: { 'mx-alias.test': ['mail.mx-alias.test'] },
			cname: { 'mail.mx-alias.test': 'in.mailhost.test' },
			a: { 'mail.mx-alias.test': ['192.0.2.31'], 'in.mailhost.test': ['192.0.2.31'] },
		},
		run: (dns) => mxCheck(dns, 'mx-alias.test'),
		level: 'fail',
	},
	{
		name: 'MX mx-null.test: null MX',
		zone: { mx: { 'mx-null.test': ['.'] } },
		run: (dns) => mxCheck(dns, 'mx-null.test'),
		level: 'fail',
		apply: (zone) => {
			zone.mx!['mx-null.test'] = ['in.mx-good.test'];
		},
	},
	{
		name: 'MX mx-noaddr.test: the exchange has no address',
		zone: { mx: { 'mx-noaddr.test': ['in.nowhere.test'] } },
		run: (dns) => mxCheck(dns, 'mx-noaddr.test'),
		level: 'fail',
		apply: (zone) => {
			zone.a!['in.nowhere.test'] = ['192.0.2.32'];
		},
	},
];

/** Publishing a fix's record: it replaces the records of its kind at its name, others stay. */
function publish(zone: Zone, record: NonNullable<Check['record']>): void {
	if (record.type === 'MX') {
		zone.mx![record.name] = [record.value];
		return;
	}
	const kind = (t: string) =>
		/^v=spf1/i.test(t) ? 'spf' : /^v=DMARC1/.test(t) ? 'dmarc' : /(^|;)\s*p=/.test(t) ? 'dkim' : t;
	const others = (zone.txt![record.name] ?? []).filter((t) => kind(t) !== kind(record.value));
	zone.txt![record.name] = [...others, record.value];
}

describe('deliverability verdicts by the RFCs, on designed zones', () => {
	let server: Awaited<ReturnType<typeof startDnsServer>>;
	let dns: DnsLookup;
	beforeAll(async () => {
		const zone: Zone = {
			txt: {
				'sendgrid.net': ['v=spf1 ip4:167.89.0.0/17 ip4:149.72.0.0/16 -all'],
			},
			mx: {},
			a: { 'mta.own.test': ['192.0.2.10'] },
			cname: {},
		};
		for (const c of CASES)
			for (const table of ['txt', 'mx', 'a', 'cname'] as const)
				Object.assign(zone[table]!, c.zone[table] ?? {});
		server = await startDnsServer(zone);
		dns = dnsLookup([server.server]);
	});
	afterAll(() => server?.stop());

	it('has at least 25 designed zones', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(25);
	});

	it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
		const verdict = await c.run(dns);
		expect({ level: verdict.level, ok: verdict.ok }).toEqual({
			level: c.level,
			ok: c.level !== 'fail',
		});
		expect(verdict.rfc ?? '').toMatch(/RFC \d{4}/);
		if (c.level !== 'fail') return;
		expect(verdict.fix).toBeTruthy();
		// The fix, applied to the zone, makes the check pass.
		if (verdict.record) publish(server.zone, verdict.record);
		else if (c.apply) c.apply(server.zone);
		else throw new Error(`no way to apply the fix: ${verdict.fix}`);
		const after = await c.run(dns);
		expect({ message: after.message, ok: after.ok }).toEqual({ message: after.message, ok: true });
	});

	it('counts lookups past an include that would match first, and flattens the fix under the limit', async () => {
		const verdict = await spfCheck(dns, 'spf-eleven.test', SENDGRID);
		// The case above already applied the flattened record: the provider's include stays.
		expect(verdict.level).toBe('pass');
		const [record] = (await dns.txt('spf-eleven.test')).filter((t) => t.startsWith('v=spf1'));
		expect(record).toMatch(/^v=spf1 include:sendgrid\.net ip4:203\.0\.113\.0 .* ~all$/);
	});
});
