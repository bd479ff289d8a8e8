import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { EngineError, type ObjectStore } from '../../nodes/engine';
import { openObjectStore } from '../../nodes/engine/objectStore/openObjectStore';
import { startS3rver } from '../helpers/s3rver';
import { tempDir } from '../helpers/tempDir';

let s3: Awaited<ReturnType<typeof startS3rver>>;
const dir = tempDir();

beforeAll(async () => {
	s3 = await startS3rver(['raw-mail']);
});
afterAll(async () => {
	await s3.stop();
	dir.remove();
});

const kinds: Array<[string, () => Promise<ObjectStore>]> = [
	['local folder', () => openObjectStore({ kind: 'local', folder: join(dir.path, 'objects') })],
	['S3 (s3rver)', () => openObjectStore(s3.config('raw-mail'))],
];

describe.each(kinds)('object store: %s', (_name, open) => {
	let store: ObjectStore;
	beforeAll(async () => {
		store = await open();
	});
	afterAll(() => store.close());

	it('stores content under its sha256, once', async () => {
		const raw = 'From: a@b.co\r\nSubject: hi\r\n\r\nbody\r\n';
		const first = await store.putContent(raw, {
			prefix: 'raw',
			extension: '.eml',
			contentType: 'message/rfc822',
		});
		expect(first.key).toBe(`raw/${first.sha256.slice(0, 2)}/${first.sha256}.eml`);
		expect(first.created).toBe(true);
		const second = await store.putContent(Buffer.from(raw), { prefix: 'raw', extension: '.eml' });
		expect(second).toEqual({ ...first, created: false });
		expect((await store.get(first.key)).toString()).toBe(raw);
		expect(await store.exists(first.key)).toBe(true);
	});

	it('overwrites named objects and reads them back byte for byte', async () => {
		const bytes = Buffer.from([0, 255, 1, 254, 10, 13]);
		await store.put('logs/run-1.json', 'old');
		await store.put('logs/run-1.json', bytes);
		expect(await store.get('logs/run-1.json')).toEqual(bytes);
	});

	it('says NOT_FOUND for a missing key, and refuses keys that escape', async () => {
		await expect(store.get('raw/none.eml')).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await store.exists('raw/none.eml')).toBe(false);
		await expect(store.put('../etc/passwd', 'x')).rejects.toThrow(/Invalid object key/);
		await expect(store.get('/abs')).rejects.toThrow(/Invalid object key/);
	});

	it('passes its readiness check and health check', async () => {
		await expect(store.ensureReady()).resolves.toBeUndefined();
		expect(await store.check()).toMatchObject({ ok: true });
	});
});

describe('local folder: content written in place', () => {
	const folder = join(dir.path, 'in-place');
	const raw = Buffer.from('From: a@b.co\r\nSubject: crash\r\n\r\nbody\r\n');

	it('rewrites an object a crash left short, and keeps one that is whole', async () => {
		const store = await openObjectStore({ kind: 'local', folder });
		const first = await store.putContent(raw, { prefix: 'raw', extension: '.eml' });
		const file = join(folder, ...first.key.split('/'));
		// As a process killed mid-write leaves it: the right name, part of the bytes.
		writeFileSync(file, raw.subarray(0, 10));
		const again = await store.putContent(raw, { prefix: 'raw', extension: '.eml' });
		expect(again.created).toBe(true);
		expect(readFileSync(file)).toEqual(raw);
		const whole = await store.putContent(raw, { prefix: 'raw', extension: '.eml' });
		expect(whole.created).toBe(false);
		expect(readdirSync(dirname(file))).toEqual([basename(file)]);
	});

	it('says which object and folder when the folder cannot be written', async () => {
		const blocked = join(dir.path, 'blocked');
		writeFileSync(blocked, 'a file where the folder should be');
		const store = await openObjectStore({ kind: 'local', folder: blocked });
		await expect(store.putContent(raw, { prefix: 'raw' })).rejects.toMatchObject({
			code: 'OBJECT_STORE',
			message: expect.stringMatching(
				/^Cannot write raw\/[0-9a-f]{2}\/[0-9a-f]{64} to the object folder/,
			),
		});
	});
});

describe('S3 errors', () => {
	it('names a missing bucket', async () => {
		const store = await openObjectStore(s3.config('no-such-bucket'));
		const error = await store.ensureReady().catch((e: EngineError) => e);
		expect(error).toMatchObject({ code: 'BUCKET_MISSING' });
		expect((error as EngineError).message).toBe(
			`The bucket "no-such-bucket" does not exist at ${s3.endpoint}/no-such-bucket`,
		);
		expect(await store.check()).toMatchObject({
			ok: false,
			message: expect.stringMatching(/does not exist/),
		});
		store.close();
	});

	it('says the credentials were refused for an unknown access key', async () => {
		const store = await openObjectStore({
			...s3.config('raw-mail'),
			accessKeyId: 'WRONG',
			secretAccessKey: 'wrong',
		});
		const error = await store.put('x/y', 'z').catch((e: EngineError) => e);
		expect(error).toMatchObject({ code: 'BUCKET_AUTH' });
		expect((error as EngineError).message).toMatch(/refused the credentials for bucket "raw-mail"/);
		store.close();
	});

	it('says it cannot reach a server that is not there', async () => {
		const store = await openObjectStore({
			...s3.config('raw-mail'),
			endpoint: 'http://127.0.0.1:1',
		});
		const error = await store.ensureReady().catch((e: EngineError) => e);
		expect(error).toMatchObject({ code: 'OBJECT_STORE' });
		expect((error as EngineError).message).toMatch(
			/Cannot reach the object store at http:\/\/127.0.0.1:1/,
		);
		store.close();
	});
});
