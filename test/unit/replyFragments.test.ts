import { createHash } from 'node:crypto';

import EmailReplyParser from 'email-reply-parser';
import RegexList from 'email-reply-parser/lib/regex';

import { replyFragments } from '../../nodes/engine/ingest/replyFragments';
import { splitBody } from '../../nodes/engine/ingest/splitBody';
import { syntheticMessage } from '../../bench/generateMbox';

/** What the library itself makes of a text: the oracle the faster walk must match exactly. */
const library = (text: string) =>
	new EmailReplyParser()
		.read(text)
		.getFragments()
		.map((f) => ({ content: f.getContent(), quoted: f.isQuoted(), signature: f.isSignature() }));

/** Lines that trigger each rule of the library, and near misses that must not. */
const LINES = [
	'',
	' ',
	'\t',
	'Hi Dana,',
	'Thanks for the note.   ',
	'  indented line',
	'Worth a 15-minute call on Tuesday?',
	'> quoted line',
	'>> nested quote',
	' > not a quote (space first)',
	'>',
	'On Mon, Mar 2, 2026 at 10:00 AM Dana Reyes <dana@northwind.example.com> wrote:',
	'On Mon, Mar 2, 2026 at 10:00 AM Dana Reyes',
	'<dana@northwind.example.com> wrote:',
	'Le lun. 2 mars 2026 à 10:00, Dana <dana@example.com> a écrit :',
	'El lun, 2 mar 2026 a las 10:00, Dana (<dana@example.com>) escribió:',
	'Il giorno lun 2 mar 2026, Dana <dana@example.com> ha scritto:',
	'Em seg., 2 de mar. de 2026 às 10:00, Dana <dana@example.com> escreveu:',
	'Am 02.03.2026 um 10:00 schrieb Dana <dana@example.com>:',
	'Op 2 mrt. 2026 om 10:00 schreef Dana <dana@example.com>:',
	'W dniu 2.03.2026 o 10:00, Dana <dana@example.com> pisze:',
	'Den 2 mars 2026 skrev Dana <dana@example.com>:',
	'pe 2.3.2026 klo 10.00 Dana (dana@example.com) kirjoitti:',
	'在 2026年3月2日，10:00，Dana <dana@example.com> 写道：',
	'2026. 3. 2. 오전 10:00, Dana <dana@example.com> 작성:',
	'2026/03/02 10:00、Dana <dana@example.com> のメッセージ:',
	'Dana Reyes <dana@example.com> schrieb:',
	'Dana on Monday at 10:00 wrote:',
	'From: Dana Reyes <dana@example.com>',
	'From : Dana Reyes<dana@example.com>',
	'Von: Dana <dana@example.com>',
	'De : Dana [dana@example.com]',
	'Van: Dana <dana@example.com>',
	'Da: Dana <dana@example.com>',
	'2026-03-02 10:00 GMT+01:00 Dana <dana@example.com>:',
	'man. 2. mar. 2026 skrev Dana <dana@example.com>:',
	'02.03.2026 10:00 "Dana" <dana@example.com>:',
	'10:00, 2026, "Dana" <dana@example.com>:',
	'Mon 2026 from Dana <dana@example.com>:',
	'-----Original Message-----',
	'--- original message ---',
	'-----Oprindelig besked-----',
	"-----Message d'origine-----",
	'--',
	'-- ',
	'---',
	'__',
	'++',
	'==',
	'________________________________',
	'Sent from my iPhone',
	'Get Outlook for iOS',
	'Cheers,',
	'Best wishes!',
	'Kind Regards,',
	'Best and Regards',
	'Von meinem iPhone gesendet',
	'Gesendet von Mail für Windows',
	'Sendt fra min iPhone',
	'Envoyé depuis mon téléphone',
	'Envoyé de mon iPhone',
	'Envoyé à partir de Outlook',
	'Télécharger Outlook pour Android',
	'Bien à vous,',
	'Bien cordialement,',
	'Bonne journée!',
	'Enviado desde mi iPhone',
	'In data 2 marzo 2026, Dana <dana@example.com> ha scritto:',
	'Verzonden vanaf mijn iPad',
	'Verstuurd vanaf mijn iPhone',
	'-----ORIGINAL MESSAGE-----',
	'BEST WISHES',
	'warm regards!',
	'CHEERS!',
	'BONNE SOIRÉE',
	'On Monday Dana Reyes wrote',
	'Dana Reyes',
	'Northwind Analytics | +1 555 0100',
	'emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 beyond the BMP',
	'café\u00a0 ',
	'trailing tab\t',
];

/** Whether the library's header repair would join more than 4 lines into one match. */
function joinsFarLines(text: string): boolean {
	let repaired = text;
	for (const regex of RegexList.quoteHeadersRegex) {
		const match = repaired.match(regex);
		if (!match) continue;
		if (match[1].split('\n').length > 4) return true;
		repaired = repaired.replace(match[1], match[1].replace(/\n/g, ' '));
	}
	return false;
}

/** Deterministic pseudo-random numbers, so a failure names a body that can be replayed. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
		return state / 2 ** 32;
	};
}

function randomBody(next: () => number): string {
	const count = 1 + Math.floor(next() * 24);
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		let line = LINES[Math.floor(next() * LINES.length)];
		const variant = next();
		if (variant < 0.1) line = `> ${line}`;
		else if (variant < 0.15) line = `${line}  `;
		else if (variant < 0.2) line = `  ${line}`;
		lines.push(line);
	}
	return lines.join(next() < 0.2 ? '\r\n' : '\n');
}

describe('replyFragments: email-reply-parser’s split without its string reversals', () => {
	it('matches the library on every rule line alone, after text and before a blank', () => {
		for (const line of LINES) {
			for (const text of [
				line,
				`Hello,\n\n${line}\n`,
				`Hello\n\n${line}\n> earlier text\n> more`,
				`${line}\n\n`,
			]) {
				expect({ text, fragments: replyFragments(text) }).toEqual({
					text,
					fragments: library(text),
				});
			}
		}
	});

	it('matches the library on 5,000 random bodies built from those lines', () => {
		const next = random(20261201);
		let farJoins = 0;
		for (let i = 0; i < 5000; i++) {
			const text = randomBody(next);
			// The one deliberate difference: a header "match" over more than 4 lines (the library's
			// `Op\s[\s\S]+?schreef[\s\S]+:` runs to the text's last colon) is not joined.
			if (joinsFarLines(text.replace(/\r\n/g, '\n'))) {
				farJoins++;
				continue;
			}
			expect({ i, text, fragments: replyFragments(text) }).toEqual({
				i,
				text,
				fragments: library(text),
			});
		}
		// The random bodies are dense in rule lines; most still take the compared path.
		expect(5000 - farJoins).toBeGreaterThan(4000);
	});

	it('matches the library on the benchmark’s generated sales mail', () => {
		for (let i = 0; i < 300; i++) {
			const text = syntheticMessage(i).split('\r\n\r\n').slice(1).join('\n\n');
			expect(replyFragments(text)).toEqual(library(text));
		}
	});

	it('reads the rule lists its prefilters were derived from (a new library version fails here)', () => {
		const digest = (list: RegExp[]) =>
			createHash('sha256')
				.update(list.map((re) => `${re.source}/${re.flags}`).join('\n'))
				.digest('hex')
				.slice(0, 16);
		expect({
			signature: [RegexList.signatureRegex.length, digest(RegexList.signatureRegex)],
			quoteHeader: [RegexList.quoteHeadersRegex.length, digest(RegexList.quoteHeadersRegex)],
		}).toEqual({
			signature: [25, '86097139368ef243'],
			quoteHeader: [29, '8f821b3ad1c40969'],
		});
	});

	it('splits a reply into new text, signature and quote', () => {
		const split = splitBody(
			[
				'Sounds good, Tuesday works.',
				'',
				'-- ',
				'Kim',
				'',
				'On Mon, Mar 2, 2026 at 10:00 AM Dana Reyes <dana@northwind.example.com> wrote:',
				'> Worth a 15-minute call on Tuesday?',
			].join('\r\n'),
		);
		expect(split).toEqual({
			body: 'Sounds good, Tuesday works.',
			signature: '-- \nKim',
			quoted:
				'On Mon, Mar 2, 2026 at 10:00 AM Dana Reyes <dana@northwind.example.com> wrote:\n> Worth a 15-minute call on Tuesday?',
		});
	});
});
