import { addressList, sender } from '../../nodes/engine/ingest/addresses';
import { sniffSeparator } from '../../nodes/engine/ingest/csvMessages';
import { decodeHeaderWords } from '../../nodes/engine/ingest/decodeHeaderWords';
import { parseDate } from '../../nodes/engine/ingest/parseDate';
import { flatHtmlText } from '../../nodes/engine/ingest/flatHtmlText';
import { prepareRaw } from '../../nodes/engine/ingest/prepareRaw';
import { htmlToText, splitBody } from '../../nodes/engine/ingest/splitBody';
import { messageIds, subjectThreadKey } from '../../nodes/engine/ingest/threadKey';
import { extractSignals } from '../../nodes/engine/features/extractSignals';

const MB = 1 << 20;
const fill = (unit: string, prefix = '', suffix = '') =>
	prefix + unit.repeat(Math.ceil((MB - prefix.length - suffix.length) / unit.length)) + suffix;

/**
 * 1 MB texts built to make a backtracking regex or a rescanning loop go quadratic: long runs that
 * almost match, separators without what must follow them, line starts that open a rule and never
 * close it. Each was tried against the earlier code: the spaces line took 33 s at 150 kB, the
 * "On … wrote" line 15 s at 100 kB, a token without "@" minutes in the address scan.
 */
const PATHOLOGICAL: Record<string, string> = {
	'spaces then a letter': fill(' ', 'Hello', 'x'),
	'tabs and spaces then a newline': fill(' \t', 'Hello', '\nx'),
	'one long word': fill('a'),
	dots: fill('a.'),
	'at signs': fill('@'),
	'open angle brackets': fill('<'),
	'equals signs': fill('='),
	'encoded-word starts': fill('=?'),
	'quote header line': fill('x ', 'On ', 'wrote'),
	'quote header lines and blanks': fill(`On ${'x '.repeat(90)}wrote\n\n`),
	'"Op" lines without "schreef:"': fill('Op x\n'),
	'colon lines': fill('a:\n'),
	'blank lines': fill('\n', '', 'x'),
	'quote markers': fill('> '),
	'sign-off lines': fill('Regards\n'),
	separators: fill('-- \n'),
	'merge-tag braces': fill('{{'),
	'a link without end': fill('a', 'http://'),
	'question words': fill('would you ', '', '?'),
	'short lines': fill('a\n'),
	'html tags never closed': fill('<a href="'),
};

/** A step that never returns is the failure; the bound is minutes below what quadratic takes. */
const GUARD_MS = 20_000;

function expectLinear(step: (text: string) => unknown) {
	for (const [name, text] of Object.entries(PATHOLOGICAL)) {
		const started = Date.now();
		step(text);
		// Named, so a failure says which text: a quadratic step takes minutes to hours here.
		expect({ name, withinGuard: Date.now() - started < GUARD_MS }).toEqual({
			name,
			withinGuard: true,
		});
	}
}

describe('every text step of ingest and features is linear in its input (1 MB pathological texts)', () => {
	jest.setTimeout(10 * 60_000);

	it('the reply/signature split', () => expectLinear((text) => splitBody(text)));
	it('HTML to text', () => expectLinear((text) => htmlToText(text)));
	it('HTML read flat (too deep for the converter)', () =>
		expectLinear((text) => flatHtmlText(text)));
	it('raw messages made readable (bare CR, header bytes, long address headers)', () =>
		expectLinear((text) => prepareRaw(Buffer.from(`To: ${text}\r\r${text}`, 'latin1'))));
	it('subjects, thread keys and Message-ID lists', () =>
		expectLinear((text) => [subjectThreadKey(text, text, text), messageIds(text)]));
	it('address lists and sender names', () =>
		expectLinear((text) => [addressList(text), sender(text)]));
	it('dates', () => expectLinear((text) => parseDate(text)));
	it('encoded words', () =>
		expectLinear((text) => decodeHeaderWords(`${text}=?utf-8?B?w6k=?=`, '\ufffd')));
	it('the CSV separator sniffer', () => expectLinear((text) => sniffSeparator(text)));
	it('every feature signal, on subject, body and signature', () =>
		expectLinear((text) =>
			extractSignals({
				subject: text,
				body: text,
				signature: text.slice(0, 64 * 1024),
				to: 'kim@acme.example.com',
				html: null,
				threadPosition: 2,
				gapSeconds: 86_400,
				previousBody: text,
			}),
		));
});
