/**
 * A Blob that holds its bytes in one array, for the parser threads only (parseWorker.ts).
 *
 * postal-mime gathers every decoded part as `new Blob(lines)` and reads it back at once with
 * `arrayBuffer()`. Node's Blob copies the parts into native memory and reads them back through a
 * stream of promises: on small messages that round trip was about 70 % of postal-mime's time
 * (docs/benchmarks-history.md). This one concatenates the parts and hands back a copy. It keeps
 * the Blob contract postal-mime relies on: strings as UTF-8 (a lone surrogate as U+FFFD, like
 * TextEncoder), views by their own bytes, other values by their string form, a fresh buffer per
 * read.
 */
const utf8 = new TextEncoder();
/** postal-mime adds a '\n' part after every line: one shared array instead of an encode each. */
const NEWLINE = utf8.encode('\n');

type Part = string | ArrayBuffer | ArrayBufferView | ConcatBlob;

export class ConcatBlob {
	readonly size: number;
	readonly type: string;
	readonly #bytes: Uint8Array;

	constructor(parts: Iterable<Part> = [], options: { type?: string } = {}) {
		const arrays: Uint8Array[] = [];
		let size = 0;
		for (const part of parts) {
			const bytes = bytesOf(part);
			arrays.push(bytes);
			size += bytes.length;
		}
		this.#bytes = arrays.length === 1 ? arrays[0].slice() : concat(arrays, size);
		this.size = size;
		// As the Blob constructor: a type with a character outside U+0020-U+007E is no type.
		const type = options.type ?? '';
		this.type = /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : '';
	}

	get [Symbol.toStringTag](): string {
		return 'Blob';
	}

	/** The bytes, shared: for a ConcatBlob made from this one, which copies them. */
	static bytesOf(blob: ConcatBlob): Uint8Array {
		return blob.#bytes;
	}

	async arrayBuffer(): Promise<ArrayBuffer> {
		return this.#bytes.slice().buffer;
	}

	async bytes(): Promise<Uint8Array> {
		return this.#bytes.slice();
	}

	async text(): Promise<string> {
		return new TextDecoder().decode(this.#bytes);
	}

	slice(start = 0, end = this.size, type = ''): ConcatBlob {
		return new ConcatBlob([this.#bytes.subarray(at(start, this.size), at(end, this.size))], {
			type,
		});
	}

	stream(): ReadableStream<Uint8Array> {
		const bytes = this.#bytes.slice();
		return new ReadableStream({
			start(controller) {
				if (bytes.length) controller.enqueue(bytes);
				controller.close();
			},
		});
	}
}

function bytesOf(part: Part): Uint8Array {
	if (part === '\n') return NEWLINE;
	if (typeof part === 'string') return utf8.encode(part);
	if (part instanceof ArrayBuffer) return new Uint8Array(part);
	if (ArrayBuffer.isView(part))
		return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
	if (part instanceof ConcatBlob) return ConcatBlob.bytesOf(part);
	return utf8.encode(String(part));
}

function concat(arrays: Uint8Array[], size: number): Uint8Array {
	const out = new Uint8Array(size);
	let offset = 0;
	for (const bytes of arrays) {
		out.set(bytes, offset);
		offset += bytes.length;
	}
	return out;
}

/** A slice bound as Blob.slice reads it: negative from the end, clamped to the size. */
function at(index: number, size: number): number {
	const n = Math.trunc(Number(index)) || 0;
	return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
}
