import { parseAddress } from '../../../nodes/engine/drafts/verify/addressSyntax';
import {
	isDisposable,
	isRole,
	reservedName,
} from '../../../nodes/engine/drafts/verify/addressLists';

describe('a prospect address read by RFC 5321 (with RFC 6531 and IDNA)', () => {
	it.each([
		[
			'ana@acme.com',
			{ local: 'ana', domain: 'acme.com', asciiDomain: 'acme.com', idn: false, utf8Local: false },
		],
		[
			'Ana.Lopez+q3@Acme.COM',
			{
				local: 'Ana.Lopez+q3',
				domain: 'acme.com',
				asciiDomain: 'acme.com',
				idn: false,
				utf8Local: false,
			},
		],
		[
			'"ana lopez"@acme.com',
			{
				local: '"ana lopez"',
				domain: 'acme.com',
				asciiDomain: 'acme.com',
				idn: false,
				utf8Local: false,
			},
		],
		[
			'fay@bücher.de',
			{
				local: 'fay',
				domain: 'bücher.de',
				asciiDomain: 'xn--bcher-kva.de',
				idn: true,
				utf8Local: false,
			},
		],
		[
			'fay@xn--bcher-kva.de',
			{
				local: 'fay',
				domain: 'bücher.de',
				asciiDomain: 'xn--bcher-kva.de',
				idn: true,
				utf8Local: false,
			},
		],
		[
			'josé@acme.com',
			{ local: 'josé', domain: 'acme.com', asciiDomain: 'acme.com', idn: false, utf8Local: true },
		],
		[
			'用户@例子.广告',
			{
				local: '用户',
				domain: '例子.广告',
				asciiDomain: 'xn--fsqu00a.xn--4rr70v',
				idn: true,
				utf8Local: true,
			},
		],
		[
			'ana@acme.com.',
			{ local: 'ana', domain: 'acme.com', asciiDomain: 'acme.com', idn: false, utf8Local: false },
		],
	])('reads %s', (text, parsed) => expect(parseAddress(text)).toEqual(parsed));

	it.each([
		['not-an-email', 'has no local part and domain around an @'],
		['@acme.com', 'has no local part and domain around an @'],
		['ana@', 'has no local part and domain around an @'],
		['ana..lopez@acme.com', 'or an empty dot-separated part'],
		['.ana@acme.com', 'or an empty dot-separated part'],
		['ana lopez@acme.com', 'a character RFC 5322 does not allow'],
		['"ana"lopez"@acme.com', 'a quoted local part'],
		[`${'a'.repeat(65)}@acme.com`, 'over 64 octets'],
		['ana@localhost', 'without a dot'],
		['ana@[192.0.2.1]', 'IP address literal'],
		['ana@acme..com', 'domain label ""'],
		['ana@-acme.com', 'domain label "-acme"'],
		['ana@acme_corp.com', 'domain label "acme_corp"'],
		[`ana@${'a'.repeat(64)}.com`, 'of at most 63 octets'],
		['ana@192.0.2.1', 'all-numeric top-level domain'],
		[`${'a'.repeat(60)}@${Array(50).fill('abcd').join('.')}.com`, 'over 254 octets'],
		[`ana@${Array(130).fill('a').join('.')}.com`, 'over 253 octets'],
	])('refuses %s', (text, why) => {
		const parsed = parseAddress(text);
		expect('error' in parsed && parsed.error).toContain(why);
	});
});

describe('the lists an address is checked against', () => {
	it('knows disposable domains and their subdomains, and not ordinary ones', () => {
		expect([
			isDisposable('mailinator.com'),
			isDisposable('x.mailinator.com'),
			isDisposable('acme.com'),
		]).toEqual([true, true, false]);
	});

	it('reads role accounts by the local part before a tag or separator', () => {
		expect(['info', 'Sales+eu', 'support.team', 'ana', 'ana.lopez'].map((l) => isRole(l))).toEqual([
			true,
			true,
			true,
			false,
			false,
		]);
	});

	it('knows the names reserved for examples (RFC 2606, RFC 6761)', () => {
		expect(
			['a.example', 'x.test', 'example.com', 'wayne.example.org', 'examples.com', 'acme.com'].map(
				reservedName,
			),
		).toEqual(['.example', '.test', 'example.com', 'example.org', undefined, undefined]);
	});
});
