/**
 * The bronze layer: raw payloads, HTML bodies, logs and reports. S3 (or any S3 clone) in production,
 * a local folder by default. Raw content is stored under its sha256, so storing it twice is a no-op.
 */
export interface StoredObject {
	key: string;
	bytes: number;
	sha256: string;
	/** False when an identical object was already there. */
	created: boolean;
}

export interface ObjectStoreHealth {
	ok: boolean;
	message: string;
}

export interface ObjectStore {
	readonly kind: 'local' | 's3';
	/** Bucket URL or folder, for messages. */
	readonly target: string;
	/** Writes under a content-addressed key: `<prefix>/<aa>/<bb>/<sha256><extension>`. */
	putContent(
		body: Buffer | string,
		options: { prefix: string; extension?: string; contentType?: string },
	): Promise<StoredObject>;
	/** Writes (or overwrites) a named object: logs, reports. */
	put(key: string, body: Buffer | string, contentType?: string): Promise<StoredObject>;
	get(key: string): Promise<Buffer>;
	exists(key: string): Promise<boolean>;
	/** Throws a clear error if the folder or bucket cannot be used; cheap, called once per open. */
	ensureReady(): Promise<void>;
	/** Proves the store is reachable and writable, without leaving anything behind. */
	check(): Promise<ObjectStoreHealth>;
	/** Frees sockets; the store is not used afterwards. */
	close(): void;
}
