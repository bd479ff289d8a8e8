import { classifyInbound, parseInbound } from '../../../nodes/engine';
import { eml } from '../../fixtures/mail';

const ORIGINAL = '<0123456789abcdef0123456789abcdef.1@northwind.example.com>';

/** A labelled message: its headers beyond the threading ones, subject and body. */
type Case = [
	label: 'auto_reply' | 'reply',
	name: string,
	headers: string[],
	subject: string,
	body: string,
];

// Written for this project: what comes back to a sales sequence, in the shapes Outlook, Exchange,
// Gmail and people really produce. Each case names the signal it tests.
const CASES: Case[] = [
	[
		'auto_reply',
		'RFC 3834 header',
		['Auto-Submitted: auto-replied'],
		'Re: Ramp time',
		'Back Monday.',
	],
	['auto_reply', 'X-Autoreply', ['X-Autoreply: yes'], 'Re: Ramp time', 'Away until the 5th.'],
	['auto_reply', 'Precedence', ['Precedence: auto_reply'], 'Ramp time', 'Away.'],
	[
		// Outlook sets it on ordinary mail too: a hint beside other evidence, never evidence alone.
		'reply',
		'Exchange suppress header, Re: subject, no other sign',
		['X-Auto-Response-Suppress: All'],
		'Re: Ramp time at Acme',
		'Hello,\n\nThanks for reaching out.',
	],
	['auto_reply', 'Outlook English prefix', [], 'Automatic reply: Ramp time', 'I am away.'],
	[
		'auto_reply',
		'Outlook German prefix',
		[],
		'Automatische Antwort: Ramp time',
		'Ich bin nicht da.',
	],
	['auto_reply', 'Outlook French prefix', [], 'Réponse automatique : Ramp time', 'Absent.'],
	['auto_reply', 'Outlook Spanish prefix', [], 'Respuesta automática: Ramp time', 'Fuera.'],
	['auto_reply', 'Outlook Dutch prefix', [], 'Automatisch antwoord: Ramp time', 'Afwezig.'],
	['auto_reply', 'Outlook Swedish prefix', [], 'Autosvar: Ramp time', 'Borta.'],
	['auto_reply', 'legacy Out of Office prefix', [], 'Out of Office: Ramp time', 'Back on the 5th.'],
	[
		'auto_reply',
		'no header, a Re: subject, an out-of-office body',
		[],
		'Re: Ramp time at Acme',
		'Hi,\n\nThank you for your email. I am currently out of the office with limited access to email until Monday 7 December.\n\nFor urgent matters please contact finance@acme.example.net.',
	],
	[
		'auto_reply',
		'an out-of-office body with a return date',
		[],
		'Re: Ramp time',
		"I'm on annual leave and will be back on 4 January.",
	],
	[
		'reply',
		'a person whose subject is about out-of-office tooling',
		[],
		'Re: Out of office tracking for finance',
		'Interesting, we do need something for this. Can you send pricing?',
	],
	[
		'reply',
		'a person whose subject starts with out of office words after Re:',
		[],
		'Re: Automatic reply: Ramp time',
		'Sorry about the auto-reply, I am back now. Yes, send the case study.',
	],
	[
		'reply',
		'a person who will be away but answers the pitch',
		[],
		'Re: Ramp time at Acme',
		"I'm out of the office until Friday, but yes, I'm interested: let's talk next week.",
	],
	['reply', 'a short yes', [], 'Re: Ramp time at Acme', 'Sounds good, Tuesday works.'],
	['reply', 'a no', [], 'Re: Ramp time at Acme', 'Not a priority this year, thanks.'],
	[
		'reply',
		'Auto-Submitted: no is a person',
		['Auto-Submitted: no'],
		'Re: Ramp time',
		'Happy to chat.',
	],
	['reply', 'a question', [], 'RE: Ramp time', 'How long does the setup take?'],
];

const message = ([, , headers, subject, body]: Case) =>
	eml([
		'From: ivy@acme.example.net',
		'To: dana@northwind.example.com',
		`Subject: ${subject}`,
		'Message-ID: <answer@acme.example.net>',
		`In-Reply-To: ${ORIGINAL}`,
		...headers,
		'Content-Type: text/plain; charset=utf-8',
		'',
		...body.split('\n'),
	]);

describe('auto-replies against replies, on a labelled set', () => {
	it.each(CASES)('%s: %s', async (label, _name, ...rest) => {
		const classified = classifyInbound(await parseInbound(message([label, _name, ...rest])));
		expect(classified.kind).toBe(label);
	});

	it('a subject phrase alone never outvotes a person', async () => {
		const person = classifyInbound(
			await parseInbound(message(['reply', '', [], 'Re: out of office', 'Yes, interested.'])),
		);
		expect(person.kind).toBe('reply');
	});

	it('stays linear on a 1 MB line', async () => {
		const line = `I am out ${' '.repeat(1_000_000)}x`;
		const started = process.hrtime.bigint();
		classifyInbound(await parseInbound(message(['reply', '', [], 'Re: x', line])));
		// A generous bound: a backtracking pattern would take minutes on this input.
		expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
	});
});
