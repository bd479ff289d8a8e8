import { classifyInbound, parseInbound } from '../../../nodes/engine';
import { complaint, dsn, eximBounce, outOfOffice, reply } from '../../fixtures/inboundMail';
import { eml } from '../../fixtures/mail';

const ORIGINAL = '<0123456789abcdef0123456789abcdef.1@northwind.example.com>';
const bare = ORIGINAL.slice(1, -1);

const classify = async (raw: Buffer) => classifyInbound(await parseInbound(raw));

describe('classifying what comes back', () => {
	it('a reply refers to the message it answers', async () => {
		expect(await classify(reply('ivy@acme.example.net', ORIGINAL))).toMatchObject({
			kind: 'reply',
			referenced: [bare],
		});
	});

	it('an out-of-office is an automatic reply, not a reply', async () => {
		expect(await classify(outOfOffice('ivy@acme.example.net', ORIGINAL))).toMatchObject({
			kind: 'auto_reply',
			reason: 'automatic reply (Auto-Submitted: auto-replied)',
		});
		const bySubject = eml([
			'From: ben@acme.example.net',
			'Subject: Out of Office: Ramp time at Acme',
			'Message-ID: <x@acme.example.net>',
			'',
			'Back on the 5th.',
		]);
		expect((await classify(bySubject)).kind).toBe('auto_reply');
	});

	it('a DSN names the failed recipient, the status and the original message', async () => {
		const diagnostic =
			'550 5.1.1 <gone@acme.example.net>: Recipient address rejected: User unknown in virtual mailbox table';
		expect(await classify(dsn('gone@acme.example.net', ORIGINAL))).toEqual({
			kind: 'hard_bounce',
			reason: 'delivery status report: userunknown',
			recipients: [
				{
					address: 'gone@acme.example.net',
					action: 'failed',
					status: '5.1.1',
					replyCode: '550',
					reason: 'userunknown',
					diagnostic,
					consequence: 'suppress',
					suppress: true,
				},
			],
			recipient: 'gone@acme.example.net',
			status: '5.1.1',
			diagnostic,
			referenced: [bare],
		});
	});

	it('a 4.x.x or delayed DSN is a soft bounce', async () => {
		expect(await classify(dsn('full@acme.example.net', ORIGINAL, '4.2.2'))).toMatchObject({
			kind: 'soft_bounce',
			status: '4.2.2',
		});
		expect((await classify(dsn('slow@acme.example.net', ORIGINAL, '4.4.7', 'delayed'))).kind).toBe(
			'soft_bounce',
		);
	});

	it('a bounce without a report is still read, from X-Failed-Recipients', async () => {
		expect(await classify(eximBounce('nobody@acme.example.net'))).toMatchObject({
			kind: 'hard_bounce',
			recipient: 'nobody@acme.example.net',
		});
	});

	it('an ARF abuse report is a complaint about the original recipient', async () => {
		expect(await classify(complaint('ivy@acme.example.net', ORIGINAL))).toMatchObject({
			kind: 'complaint',
			reason: 'abuse report (abuse)',
			recipient: 'ivy@acme.example.net',
			referenced: [bare],
		});
	});

	it('refuses what is not an email', async () => {
		await expect(parseInbound(Buffer.from('just some text\n'))).rejects.toThrow(/Not an email/);
	});
});
