import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import { EngineError, notFound } from '../errors';
import { assertSafeKey, contentKey, sha256 } from './contentKey';
import type { ObjectStore, ObjectStoreHealth, StoredObject } from './ObjectStore';

/** A folder as an object store. Writes go to a temp file then rename, so no reader sees half a file. */
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
		const hash = sha256(body);
		const key = contentKey(hash, options.prefix, options.extension);
		const bytes = Buffer.byteLength(body);
		if (await this.exists(key)) return { key, bytes, sha256: hash, created: false };
		await this.write(key, body);
		return { key, bytes, sha256: hash, created: true };
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
			throw new EngineError(
				'OBJECT_STORE',
				`Cannot write ${key} to the object folder ${this.target}: ${(error as Error).message}`,
				'Check that the folder exists or can be created, and is writable by the n8n process.',
				{ cause: error },
			);
		}
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
