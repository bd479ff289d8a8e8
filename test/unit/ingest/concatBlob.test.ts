import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import PostalMime from 'postal-mime';

import { ConcatBlob } from '../../../nodes/engine/ingest/concatBlob';
import { HOSTILE } from '../../fixtures/hostileMail';
import * as mail from '../../fixtures/mail';

const NativeBlob = globalThis.Blob;
const bytes = async (blob: { arrayBuffer(): Promise<ArrayBuffer> }) =>
	Buffer.from(await blob.arrayBuffer()).toString('hex');

describe('ConcatBlob: the Blob contract postal-mime relies on', () => {
	const view = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]).subarray(2, 6);
	const parts = [
		'plain ',
		'a lone surrogate \ud800 and a pair \ud83d\ude00',
		new Uint8Array([0xff, 0x00, 0x80]).buffer,
		view,
		new DataView(new Uint8Array([9, 8, 7]).buffer, 1),
		'\n',
	];

	it('holds the same bytes as Node’s Blob for strings, buffers and views', async () => {
		const ours = new ConcatBlob(parts);
		const native = new NativeBlob(parts);
		expect(ours.size).toBe(native.size);
		expect(await bytes(ours)).toBe(await bytes(native));
		expect(await ours.text()).toBe(await native.text());
		expect(Buffer.from(await ours.bytes()).equals(Buffer.from(await native.bytes()))).toBe(true);
		expect(await bytes(new ConcatBlob([ours, '!']))).toBe(
			await bytes(new NativeBlob([native, '!'])),
		);
		expect(await bytes(new ConcatBlob([]))).toBe('');
	});

	it('slices as Node’s Blob does, negative and out-of-range bounds included', async () => {
		const ours = new ConcatBlob(parts);
		const native = new NativeBlob(parts);
		for (const [start, end] of [
			[0, 5],
			[-4, undefined],
			[3, -2],
			[10, 2],
			[-1000, 1000],
			[undefined, undefined],
		])
			expect(await bytes(ours.slice(start, end))).toBe(await bytes(native.slice(start, end)));
	});

	it('normalizes the type as the Blob constructor does', () => {
		expect(new ConcatBlob([], { type: 'Application/Octet-Stream' }).type).toBe(
			new NativeBlob([], { type: 'Application/Octet-Stream' }).type,
		);
		expect(new ConcatBlob([], { type: 'text/plain\u00e9' }).type).toBe('');
		expect(Object.prototype.toString.call(new ConcatBlob([]))).toBe('[object Blob]');
	});

	it('is not changed by its parts afterwards, nor by what a reader does with a read', async () => {
		const part = new Uint8Array([1, 2, 3]);
		const blob = new ConcatBlob([part]);
		part[0] = 9;
		const first = new Uint8Array(await blob.arrayBuffer());
		first[1] = 9;
		expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3]);
		const chunks: number[] = [];
		for await (const chunk of blob.stream()) chunks.push(...chunk);
		expect(chunks).toEqual([1, 2, 3]);
	});
});

/** A parse result with its binary contents as hex, so that two results compare field by field. */
function comparable(value: unknown): unknown {
	if (value instanceof ArrayBuffer) return `bytes:${Buffer.from(value).toString('hex')}`;
	if (ArrayBuffer.isView(value))
		return `bytes:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
	if (Array.isArray(value)) return value.map(comparable);
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
	return value;
}

async function parseWith(blob: unknown, raw: Buffer): Promise<unknown> {
	globalThis.Blob = blob as typeof Blob;
	try {
		return comparable(await PostalMime.parse(raw));
	} catch (error) {
		return { error: (error as Error).message };
	} finally {
		globalThis.Blob = NativeBlob;
	}
}

describe('postal-mime parses the same with ConcatBlob as with Node’s Blob', () => {
	const sisimai = join(__dirname, '../../fixtures/sisimai/set-of-emails');
	const corpus: Array<[string, Buffer]> = [
		...readdirSync(sisimai)
			.filter((name) => name.endsWith('.eml'))
			.map((name): [string, Buffer] => [name, readFileSync(join(sisimai, name))]),
		...HOSTILE.map(({ name, raw }): [string, Buffer] => [name, raw]),
		...Object.entries(mail)
			.filter((entry): entry is [string, Buffer] => Buffer.isBuffer(entry[1]))
			.map(([name, raw]): [string, Buffer] => [`mail.ts ${name}`, raw]),
	];

	it(`on ${corpus.length} messages: sisimai's set (DSNs, reports, auto-replies), hostile files and our own`, async () => {
		expect(corpus.length).toBeGreaterThan(650);
		let made = 0;
		// Counts its own: the comparison means something only if the parse went through ConcatBlob.
		class Counted extends ConcatBlob {
			constructor(...args: ConstructorParameters<typeof ConcatBlob>) {
				super(...args);
				made++;
			}
		}
		const differ: string[] = [];
		for (const [name, raw] of corpus) {
			const native = await parseWith(NativeBlob, raw);
			const ours = await parseWith(Counted, raw);
			if (JSON.stringify(ours) !== JSON.stringify(native)) differ.push(name);
		}
		expect(differ).toEqual([]);
		expect(made).toBeGreaterThan(corpus.length);
	});
});
