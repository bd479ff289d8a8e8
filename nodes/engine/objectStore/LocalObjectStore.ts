import { randomUUID } from 'node:crypto';
import {
	constants,
	existsSync,
	mkdirSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import { EngineError, notFound } from '../errors';
import { assertSafeKey, contentKey, sha256 } from './contentKey';
import type { ObjectStore, ObjectStoreHealth, StoredObject } from './ObjectStore';

/**
 * Content objects up to this size are written with synchronous calls: a small write to a local
 * folder is a copy into the page cache, and the promise API cost 4-7 times the CPU of the calls
 * themselves (a thread-pool round trip per call, and an exception for every "does not exist yet"),
 * most of what an mbox ingest spent beside parsing (docs/benchmarks.md). Larger ones stay async.
 */
const SYNC_WRITE_MAX_BYTES = 1 << 20;

/**
 * A folder as an object store. Named objects (logs, reports) go to a temp file then rename, so no
 * reader sees half a file; content objects see putContentSync.
 */
export class LocalObjectStore implements ObjectStore {
	readonly kind = 'local';
	readonly target: string;
	/** Folders known to exist: content-addressed keys fan out into a bounded set of them. */
	private readonly folders = new Set<string>();

	constructor(folder: string) {
		this.target = resolve(folder);
	}

	private path(key: string): string {
		assertSafeKey(key);
		return join(this.target, ...key.split('/'));
	}

	async putContent(
		body: Buffer | string,
		options: { prefix: string; extension?: string },
	): Promise<StoredObject> {
		const bytes = Buffer.byteLength(body);
		if (bytes <= SYNC_WRITE_MAX_BYTES) return this.putContentSync(body, options);
		const hash = sha256(body);
		const key = contentKey(hash, options.prefix, options.extension);
		if (await this.exists(key)) return { key, bytes, sha256: hash, created: false };
		await this.write(key, body);
		return { key, bytes, sha256: hash, created: true };
	}

	/**
	 * putContent with synchronous calls, whatever the size: for worker threads (ingest's parsers).
	 * Content objects are created in place, exclusively (one create instead of an existence check,
	 * a temp file and a rename): rows point at an object only once its write returned, and a file
	 * left short by a crash has the wrong size for its content, so it is found and rewritten.
	 */
	putContentSync(
		body: Buffer | string,
		options: { prefix: string; extension?: string },
	): StoredObject {
		const hash = sha256(body);
		const key = contentKey(hash, options.prefix, options.extension);
		const bytes = Buffer.byteLength(body);
		const path = this.path(key);
		const folder = dirname(path);
		try {
			if (!this.folders.has(folder)) {
				mkdirSync(folder, { recursive: true });
				this.folders.add(folder);
			}
			writeFileSync(path, body, { flag: 'wx' });
			return { key, bytes, sha256: hash, created: true };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
				// What a failed write (a full disk) left behind must not pass for the object later.
				if (existsSync(path) && statSync(path).size !== bytes) rmSync(path, { force: true });
				throw this.writeError(key, error);
			}
		}
		if (statSync(path).size === bytes) return { key, bytes, sha256: hash, created: false };
		this.writeSync(key, path, body);
		return { key, bytes, sha256: hash, created: true };
	}

	/** Temp file then rename: replaces a damaged object without a reader ever seeing half of it. */
	private writeSync(key: string, path: string, body: Buffer | string): void {
		const temp = `${path}.${randomUUID()}.tmp`;
		try {
			writeFileSync(temp, body);
			renameSync(temp, path);
		} catch (error) {
			rmSync(temp, { force: true });
			throw this.writeError(key, error);
		}
	}

	async put(key: string, body: Buffer | string): Promise<StoredObject> {
		await this.write(key, body);
		return { key, bytes: Buffer.byteLength(body), sha256: sha256(body), created: true };
	}

	private async write(key: string, body: Buffer | string): Promise<void> {
		const path = this.path(key);
		const folder = dirname(path);
		if (!this.folders.has(folder)) {
			await mkdir(folder, { recursive: true });
			this.folders.add(folder);
		}
		const temp = `${path}.${randomUUID()}.tmp`;
		try {
			await writeFile(temp, body);
			await rename(temp, path);
		} catch (error) {
			await rm(temp, { force: true });
			throw this.writeError(key, error);
		}
	}

	private writeError(key: string, error: unknown): EngineError {
		return new EngineError(
			'OBJECT_STORE',
			`Cannot write ${key} to the object folder ${this.target}: ${(error as Error).message}`,
			'Check that the folder exists or can be created, and is writable by the n8n process.',
			{ cause: error },
		);
	}

	async get(key: string): Promise<Buffer> {
		try {
			return await readFile(this.path(key));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
				throw notFound(`No object ${key} in ${this.target}`);
			}
			throw error;
		}
	}

	async exists(key: string): Promise<boolean> {
		try {
			await access(this.path(key));
			return true;
		} catch {
			return false;
		}
	}

	async ensureReady(): Promise<void> {
		try {
			await mkdir(this.target, { recursive: true });
			await access(this.target, constants.W_OK);
		} catch (error) {
			throw new EngineError(
				'OBJECT_STORE',
				`The object folder ${this.target} is not usable: ${(error as Error).message}`,
				'Check the local folder in the store credential; the n8n process must be able to write there.',
				{ cause: error },
			);
		}
	}

	async check(): Promise<ObjectStoreHealth> {
		const probe = `health-check/${randomUUID()}`;
		try {
			await this.write(probe, 'ok');
			await rm(this.path(probe), { force: true });
			const info = await stat(this.target);
			return { ok: info.isDirectory(), message: `folder ${this.target} is writable` };
		} catch (error) {
			return { ok: false, message: (error as Error).message };
		}
	}

	close(): void {}
}
