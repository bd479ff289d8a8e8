import { classifyInbound, parseInbound } from '../../../nodes/engine';
import { eml } from '../../fixtures/mail';

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

function dsn(groups: string[], extra: string[] = []): Buffer {
	return eml([
		'From: Mail Delivery System <MAILER-DAEMON@relay.example.net>',
		'To: dana@northwind.example.com',
		'Subject: Undelivered Mail Returned to Sender',
		'Message-ID: <hostile@relay.example.net>',
		...extra,
		'MIME-Version: 1.0',
		'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
		'',
		'--b',
		'Content-Type: text/plain',
		'',
		'The mail system could not deliver your message.',
		'--b',
		'Content-Type: message/delivery-status',
		'',
		'Reporting-MTA: dns; relay.example.net',
		'',
		...groups,
		'--b--',
	]);
}

const group = (recipient: string, extra: string[] = []) => [
	`Final-Recipient: ${recipient}`,
	...extra,
	'Action: failed',
	'Status: 5.1.1',
	'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
	'',
];

describe('hostile bounces', () => {
	it('a 1 MB recipient field is no address, and costs linear time', async () => {
		const started = process.hrtime.bigint();
		const c = classifyInbound(
			await parseInbound(dsn(group(`rfc822; ${'a'.repeat(1_000_000)}@acme.example.net`))),
		);
		expect(seconds(started)).toBeLessThan(5);
		expect(c.kind).not.toBe('reply');
		expect(c.recipients.every((r) => r.address.length < 320)).toBe(true);
		expect(c.recipients.some((r) => r.suppress)).toBe(false);
	});

	it('a 1 MB token without an @ in a bounce body is read in linear time', async () => {
		const started = process.hrtime.bigint();
		const c = classifyInbound(
			await parseInbound(
				eml([
					'From: MAILER-DAEMON@relay.example.net',
					'To: dana@northwind.example.com',
					'Subject: failure notice',
					'Message-ID: <long@relay.example.net>',
					'',
					'<gone@acme.example.net>: 550 5.1.1 User unknown',
					`${'x'.repeat(1_000_000)}`,
				]),
			),
		);
		expect(seconds(started)).toBeLessThan(5);
		expect(c.kind).toBe('hard_bounce');
	});

	it('a report naming 5,000 recipients is read up to its first 1,000', async () => {
		const groups = Array.from({ length: 5000 }, (_, i) =>
			group(`rfc822; u${i}@acme.example.net`),
		).flat();
		const started = process.hrtime.bigint();
		const c = classifyInbound(await parseInbound(dsn(groups)));
		expect(seconds(started)).toBeLessThan(20);
		expect(c.recipients).toHaveLength(1000);
		expect(new Set(c.recipients.map((r) => r.address)).size).toBe(1000);
		expect(c.recipients.every((r) => r.suppress)).toBe(true);
	});

	it('never stores a pipe, a path, a bare host or a source route as the address', async () => {
		const c = classifyInbound(
			await parseInbound(
				dsn([
					...group('rfc822; |/usr/bin/procmail', [
						'Original-Recipient: rfc822; ana@acme.example.net',
					]),
					...group('rfc822; /var/mail/ben', ['Original-Recipient: rfc822; ben@acme.example.net']),
					...group('rfc822; @relay.example.net:cara@acme.example.net'),
					...group('rfc822; @acme.example.net'),
				]),
			),
		);
		expect(c.recipients.map((r) => r.address)).toEqual([
			'ana@acme.example.net',
			'ben@acme.example.net',
			'cara@acme.example.net',
		]);
	});

	it('reads every X-Failed-Recipients line and every address in one', async () => {
		const c = classifyInbound(
			await parseInbound(
				eml([
					'From: Mail Delivery System <Mailer-Daemon@mx.example.net>',
					'To: dana@northwind.example.com',
					'Subject: Mail delivery failed: returning message to sender',
					'Message-ID: <exim@mx.example.net>',
					'X-Failed-Recipients: a@acme.example.net, b@acme.example.net',
					'X-Failed-Recipients: c@acme.example.net',
					'',
					'This message was created automatically by mail delivery software.',
					'',
					'  a@acme.example.net',
					'    SMTP error from remote mail server after RCPT TO:<a@acme.example.net>:',
					'    550 5.1.1 User unknown',
				]),
			),
		);
		expect(c.recipients.map((r) => r.address)).toEqual([
			'a@acme.example.net',
			'b@acme.example.net',
			'c@acme.example.net',
		]);
		expect(c.recipients[0]).toMatchObject({ reason: 'userunknown', suppress: true });
	});

	it('an SES notification that is not valid JSON is no bounce and no reply', async () => {
		const c = classifyInbound(
			await parseInbound(
				eml([
					'From: AWS Notifications <no-reply@sns.amazonaws.com>',
					'To: dana@northwind.example.com',
					'Subject: AWS Notification Message',
					'Message-ID: <sns@amazonses.com>',
					'',
					'{"notificationType":"Bounce","bounce":{"bouncedRecipients":[{"emailAddress":',
				]),
			),
		);
		expect(c.kind).not.toBe('reply');
		expect(c.recipients.some((r) => r.suppress)).toBe(false);
	});

	it('a bounce for a message of ours is never a reply, even with Re: and In-Reply-To', async () => {
		const c = classifyInbound(
			await parseInbound(
				eml([
					'From: postmaster@acme.example.net',
					'To: dana@northwind.example.com',
					'Subject: Re: Ramp time at Acme',
					'Message-ID: <pm@acme.example.net>',
					'In-Reply-To: <0123456789abcdef0123456789abcdef.1@northwind.example.com>',
					'',
					'Your message to ivy@acme.example.net could not be delivered: mailbox full.',
				]),
			),
		);
		expect(c.kind).toBe('soft_bounce');
		expect(c.recipients[0]).toMatchObject({
			address: 'ivy@acme.example.net',
			reason: 'mailboxfull',
		});
	});
});
