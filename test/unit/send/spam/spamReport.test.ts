import { locateHits } from '../../../../nodes/engine/send/spam/locateHits';
import { parseSpamdAddress, readAnswer } from '../../../../nodes/engine/send/spam/spamdClient';
import { parseReport } from '../../../../nodes/engine/send/spam/spamReport';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A REPORT answer as spamd 4.0.1 wrote it for a test message, with the PatternHits line. */
const ANSWER = [
	'SPAMD/1.1 0 EX_OK',
	'Content-length: 999',
	'Spam: True ; 5.5 / 5.0',
	'',
	'Spam detection software, running on the system "vm",',
	'has identified this incoming email as possible spam.',
	'',
	'Content analysis details:   (5.5 points, 5.0 required)',
	'',
	' pts rule name              description',
	'---- ---------------------- --------------------------------------------------',
	'-0.0 NO_RECEIVED            Informational: message has no Received headers',
	' 2.7 GUARANTEED_100_PERCENT BODY: One hundred percent guaranteed',
	' 0.1 BAD_CREDIT             BODY: Eliminate Bad Credit',
	' 1.0 LIST_PARTIAL_SHORT_MSG Incomplete mailing list headers + short',
	'                            message',
	" 2.7 DEAR_FRIEND            BODY: Dear Friend? That's not very dear!",
	'',
	`Pattern hits: BAD_CREDIT=${b64('no credit\ncheck')} DEAR_FRIEND=${b64('Dear friend')} GUARANTEED_100_PERCENT=${b64('100% guaranteed')} NO_RECEIVED=${b64('<YES>')} __CT=${b64('<YES>')}`,
	'',
].join('\r\n');

describe("spamd's REPORT answer", () => {
	it('reads the verdict line, every rule with its points and its wrapped description, and what each matched', () => {
		const answer = readAnswer(ANSWER);
		expect([answer.isSpam, answer.score, answer.required]).toEqual([true, 5.5, 5]);
		const { hits, located } = parseReport(answer.report);
		expect(located).toBe(true);
		expect(hits).toEqual([
			{
				rule: 'NO_RECEIVED',
				points: -0,
				description: 'Informational: message has no Received headers',
			},
			{
				rule: 'GUARANTEED_100_PERCENT',
				points: 2.7,
				description: 'BODY: One hundred percent guaranteed',
				matched: '100% guaranteed',
			},
			{
				rule: 'BAD_CREDIT',
				points: 0.1,
				description: 'BODY: Eliminate Bad Credit',
				matched: 'no credit\ncheck',
			},
			{
				rule: 'LIST_PARTIAL_SHORT_MSG',
				points: 1,
				description: 'Incomplete mailing list headers + short message',
			},
			{
				rule: 'DEAR_FRIEND',
				points: 2.7,
				description: "BODY: Dear Friend? That's not very dear!",
				matched: 'Dear friend',
			},
		]);
	});

	it('lists the rules without places when spamd has no PatternHits plugin', () => {
		const { hits, located } = parseReport(ANSWER.split('Pattern hits:')[0]);
		expect(located).toBe(false);
		expect(hits.map((h) => h.rule)).toHaveLength(5);
		expect(hits.some((h) => h.matched)).toBe(false);
	});

	it.each([
		['SPAMD/1.1 76 Bad header line: xyz\r\n\r\n', 'refused the message: 76 Bad header line: xyz'],
		['HTTP/1.1 200 OK\r\n\r\n', 'an answer that is not spamd\'s ("HTTP/1.1 200 OK")'],
		['SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\n\r\n', 'an answer without a Spam: header'],
		['', 'an answer that is not spamd\'s ("")'],
	])('refuses %j', (text, message) => {
		expect(() => readAnswer(text)).toThrow(message);
	});

	it.each([
		['127.0.0.1:783', { host: '127.0.0.1', port: 783 }],
		['spamd', { host: 'spamd', port: 783 }],
		['[::1]:7830', { host: '::1', port: 7830 }],
	])('reads the address %s', (text, address) => expect(parseSpamdAddress(text)).toEqual(address));

	it.each(['', 'host:99999', 'a b:1', 'http://spamd:783'])('refuses the address %j', (text) => {
		expect(() => parseSpamdAddress(text)).toThrow('is not a spamd address');
	});
});

describe('where a rule matched', () => {
	const draft = {
		subject: 'FREE money for Acme',
		bodyText: 'Hi Ana,\n\nThis is 100%\nguaranteed, no credit check.\n\nDana',
		footerText: '\n\n--\n1 Main St\nUnsubscribe: https://u.example/x',
	};
	const hit = (rule: string, matched?: string) => ({ rule, points: 1, description: '', matched });

	it('places a match in the subject, in the body line it starts on (across a line end), or in the footer', () => {
		expect(
			locateHits(
				[
					hit('S', 'free MONEY'),
					hit('B', '100% guaranteed'),
					hit('C', 'No credit  check'),
					hit('F', '1 main st'),
					hit('H', '<a1@x>'),
					hit('E'),
				],
				draft,
			).map((h) => [h.rule, h.where]),
		).toEqual([
			['S', { part: 'subject', text: 'FREE money' }],
			['B', { part: 'body', line: 3, text: '100%\nguaranteed' }],
			['C', { part: 'body', line: 4, text: 'no credit check' }],
			['F', { part: 'footer', line: 4, text: '1 Main St' }],
			['H', undefined],
			['E', undefined],
		]);
	});

	it('stays linear on a long body with a match that is nowhere', () => {
		const long = { subject: 's', bodyText: 'word '.repeat(200_000) };
		const started = process.hrtime.bigint();
		expect(locateHits([hit('X', 'word '.repeat(50) + 'absent')], long)[0].where).toBeUndefined();
		// A guard against a quadratic search, not a benchmark: 1 MB in well under the test's time.
		expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
	});
});
