import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * A synthetic sales-mail mbox: sequences of three touches (first touch, reply with References,
 * header-less "Re:" follow-up) from a few senders to many prospects, with varied bodies. Optional
 * base64 attachment per message to reach a target file size with fewer messages.
 */
const OPENERS = [
	'I noticed',
	'Congrats on',
	'Saw your post about',
	'Quick question about',
	'Following up on',
];
const TOPICS = [
	'month-end close',
	'pipeline reviews',
	'churn reporting',
	'board decks',
	'forecast accuracy',
];
const CTAS = [
	'Worth a look?',
	'Open to a 15-minute call on Tuesday?',
	'Should I send a one-pager?',
	'Who owns this at your team?',
];

export function syntheticMessage(i: number, attachmentBytes = 0): string {
	const seq = Math.floor(i / 3);
	const step = i % 3;
	const sender = `rep${seq % 7}@vendor${seq % 3}.example.com`;
	const prospect = `person${seq}@company${seq % 997}.example.org`;
	const topic = TOPICS[seq % TOPICS.length];
	const subject = `${step === 0 ? '' : 'Re: '}${topic} at Company ${seq % 997}`;
	const date = new Date(
		Date.UTC(2020, 0, 1) + seq * 1_200_000 + step * 3 * 86_400_000,
	).toUTCString();
	const id = `<b${seq}-${step}@vendor${seq % 3}.example.com>`;
	const refs =
		step === 1
			? [
					`In-Reply-To: <b${seq}-0@vendor${seq % 3}.example.com>`,
					`References: <b${seq}-0@vendor${seq % 3}.example.com>`,
				]
			: [];
	const body = [
		`Hi Person ${seq},`,
		'',
		`${OPENERS[(seq + step) % OPENERS.length]} ${topic} at Company ${seq % 997}. Teams like yours cut the time spent on it by ${10 + (seq % 40)}% with us.`,
		'',
		CTAS[(seq + step) % CTAS.length],
		'',
		'-- ',
		`Rep ${seq % 7}`,
	].join('\r\n');
	const headers = [
		`From: Rep <${sender}>`,
		`To: ${prospect}`,
		`Subject: ${subject}`,
		`Date: ${date}`,
		`Message-ID: ${id}`,
		...refs,
		'MIME-Version: 1.0',
	];
	if (attachmentBytes <= 0) {
		return [...headers, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
	}
	const boundary = `b${i}`;
	const data = Buffer.alloc(attachmentBytes, i % 251)
		.toString('base64')
		.replace(/.{76}/g, '$&\r\n');
	return [
		...headers,
		`Content-Type: multipart/mixed; boundary="${boundary}"`,
		'',
		`--${boundary}`,
		'Content-Type: text/plain; charset=utf-8',
		'',
		body,
		`--${boundary}`,
		'Content-Type: application/pdf; name="deck.pdf"',
		'Content-Disposition: attachment; filename="deck.pdf"',
		'Content-Transfer-Encoding: base64',
		'',
		data,
		`--${boundary}--`,
		'',
	].join('\r\n');
}

/**
 * Writes `count` messages to `path` (messages `first` to `first + count - 1` of the sequence, so
 * files written in parts hold one corpus), each through `rewrite` if given; returns the file size.
 */
export async function generateMbox(
	path: string,
	count: number,
	attachmentBytes = 0,
	rewrite: (message: string) => string = (m) => m,
	first = 0,
): Promise<number> {
	const out = createWriteStream(path);
	let bytes = 0;
	for (let i = first; i < first + count; i++) {
		const chunk = `From ${i}@bench Thu Jan  1 00:00:00 2026\n${rewrite(syntheticMessage(i, attachmentBytes))}\n`;
		bytes += Buffer.byteLength(chunk);
		if (!out.write(chunk)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	return bytes;
}
