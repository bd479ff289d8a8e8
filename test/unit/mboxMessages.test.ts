import { Readable } from 'node:stream';

import { mboxMessages } from '../../nodes/engine/ingest/mboxMessages';
import type { IngestItem } from '../../nodes/engine/ingest/types';
import { eml, mbox, sequence } from '../fixtures/mail';

async function collect(
	data: Buffer,
	chunkSize = 64 * 1024,
	maxMessageBytes = 1024 * 1024,
): Promise<IngestItem[]> {
	const chunks: Buffer[] = [];
	for (let i = 0; i < data.length; i += chunkSize) chunks.push(data.subarray(i, i + chunkSize));
	const items: IngestItem[] = [];
	for await (const item of mboxMessages(Readable.from(chunks), {
		name: 'box.mbox',
		maxMessageBytes,
	}))
		items.push(item);
	return items;
}

const rawOf = (item: IngestItem) => (item.kind === 'mime' ? item.raw.toString('latin1') : item);

describe('mboxMessages', () => {
	it('gives back each message byte for byte, whatever the chunk size', async () => {
		const file = mbox(sequence);
		for (const size of [7, 100, 1 << 16]) {
			const items = await collect(file, size);
			expect(items.map(rawOf)).toEqual(sequence.map((m) => m.toString('latin1')));
		}
	});

	it('says where each message starts', async () => {
		const file = mbox(sequence);
		const items = await collect(file);
		const second = file.indexOf('From sender1@');
		expect(items[1]).toMatchObject({ origin: `box.mbox, message 2 at byte ${second}` });
	});

	it('unescapes mboxrd ">From " lines and keeps an unescaped "From " inside a paragraph as body', async () => {
		const body = eml([
			'Subject: x',
			'From: a@b.example.com',
			'',
			'Line one',
			'From here on, text.',
			'',
			'>From the archive',
		]);
		const file = Buffer.concat([
			Buffer.from('From a@b Mon Mar  2 09:00:00 2026\n'),
			body,
			Buffer.from('\n'),
		]);
		const [item] = await collect(file);
		// "From here" follows a non-blank line, so it is body; ">From" loses one ">".
		expect(rawOf(item)).toContain('Line one\r\nFrom here on, text.\r\n\r\nFrom the archive');
	});

	it('reports data before the first separator, an oversized message, and a file that is no mbox', async () => {
		const file = Buffer.concat([
			Buffer.from('garbage line\n'),
			mbox([sequence[0], Buffer.from('X-Pad: ' + 'x'.repeat(5000) + '\r\n'), sequence[1]]),
		]);
		const items = await collect(file, 1000, 4000);
		expect(items.map((i) => i.kind)).toEqual(['error', 'mime', 'error', 'mime']);
		expect(items[0]).toMatchObject({
			origin: 'box.mbox, bytes 0-13',
			message: expect.stringMatching(/before the first "From "/),
		});
		expect(items[2]).toMatchObject({
			origin: expect.stringMatching(/message 2 at byte \d+/),
			message: 'message is over 4000 bytes; skipped',
		});
		expect(await collect(Buffer.from('just text\nno separators\n'))).toEqual([
			{
				kind: 'error',
				origin: 'box.mbox',
				message: 'not an mbox file: no "From " separator line found',
			},
		]);
	});
});
