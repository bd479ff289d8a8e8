import { classifyInbound, parseInbound, replyClassOf } from '../../../nodes/engine';
import { type LabelledInbound, LABELLED_INBOUND } from '../../fixtures/inboundLabelled';
import { eml } from '../../fixtures/mail';

const ORIGINAL = '<0123456789abcdef0123456789abcdef.1@northwind.example.com>';

function message(c: LabelledInbound, i: number): Buffer {
	const head = [
		'From: Ivy Chen <ivy@acme.example.net>',
		'To: dana@northwind.example.com',
		`Subject: ${c.subject}`,
		`Message-ID: <answer-${i}@acme.example.net>`,
		`In-Reply-To: ${ORIGINAL}`,
		`References: ${ORIGINAL}`,
		...c.headers,
	];
	if (!c.report)
		return eml([...head, 'Content-Type: text/plain; charset=utf-8', '', ...c.body.split('\n')]);
	return eml([
		...head,
		'MIME-Version: 1.0',
		'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"',
		'',
		'--b',
		'Content-Type: text/plain; charset=utf-8',
		'',
		c.body,
		'--b',
		`Content-Type: ${c.report.type}`,
		'',
		c.report.text,
		'--b--',
	]);
}

/** Reads the frozen set and returns what was got wrong, with the figures printed. */
async function measure() {
	const wrongKind: string[] = [];
	const wrongClass: string[] = [];
	let replies = 0;
	for (const [i, c] of LABELLED_INBOUND.entries()) {
		const m = await parseInbound(message(c, i));
		const read = classifyInbound(m);
		const kind = read.kind as string;
		if (kind !== c.kind)
			wrongKind.push(`#${i} ${c.lang} ${c.kind} read as ${read.kind}: ${c.subject}`);
		if (c.kind === 'reply') {
			replies++;
			const cls = replyClassOf(read, m.text);
			if (cls !== c.replyClass)
				wrongClass.push(`#${i} ${c.lang} ${c.replyClass} read as ${cls}: ${c.body.split('\n')[0]}`);
		}
	}
	const n = LABELLED_INBOUND.length;
	console.log(
		[
			`kind: ${n - wrongKind.length} of ${n} (${(100 * (1 - wrongKind.length / n)).toFixed(1)} %)`,
			`reply class: ${replies - wrongClass.length} of ${replies} (${(100 * (1 - wrongClass.length / replies)).toFixed(1)} %)`,
			...wrongKind,
			...wrongClass,
		].join('\n'),
	);
	return { n, replies, wrongKind, wrongClass };
}

describe('the frozen multilingual set of replies and automatic replies', () => {
	it('has at least 100 messages in 7 languages', () => {
		expect(LABELLED_INBOUND.length).toBeGreaterThanOrEqual(100);
		expect(new Set(LABELLED_INBOUND.map((c) => c.lang)).size).toBe(7);
	});

	it('reads what each message is and what a reply says', async () => {
		const { n, replies, wrongKind, wrongClass } = await measure();
		expect(wrongKind.length / n).toBeLessThanOrEqual(0.05);
		expect(wrongClass.length / replies).toBeLessThanOrEqual(0.1);
	});
});
