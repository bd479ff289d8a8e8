import {
	DeleteObjectCommand,
	GetObjectCommand,
	HeadBucketCommand,
	HeadObjectCommand,
	PutObjectCommand,
	S3Client,
} from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';

import type { S3ObjectStoreConfig } from '../config/StoreConfig';
import { notFound } from '../errors';
import { assertSafeKey, contentKey, sha256 } from './contentKey';
import { describeS3Error } from './describeS3Error';
import type { ObjectStore, ObjectStoreHealth, StoredObject } from './ObjectStore';

/** S3 and its clones (MinIO, s3rver, R2) through the official client, path-style by default. */
export class S3ObjectStore implements ObjectStore {
	readonly kind = 's3';
	readonly target: string;
	private readonly client: S3Client;
	private readonly bucket: string;

	constructor(config: S3ObjectStoreConfig) {
		this.bucket = config.bucket;
		this.target = `${config.endpoint ?? `s3://${config.region}`}/${config.bucket}`;
		this.client = new S3Client({
			region: config.region,
			endpoint: config.endpoint,
			forcePathStyle: config.forcePathStyle,
			credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
			maxAttempts: 3,
		});
	}

	private fail(error: unknown): never {
		throw describeS3Error(error, this.bucket, this.target);
	}

	async putContent(
		body: Buffer | string,
		options: { prefix: string; extension?: string; contentType?: string },
	): Promise<StoredObject> {
		const hash = sha256(body);
		const key = contentKey(hash, options.prefix, options.extension);
		const bytes = Buffer.byteLength(body);
		if (await this.exists(key)) return { key, bytes, sha256: hash, created: false };
		await this.write(key, body, options.contentType);
		return { key, bytes, sha256: hash, created: true };
	}

	async put(key: string, body: Buffer | string, contentType?: string): Promise<StoredObject> {
		assertSafeKey(key);
		await this.write(key, body, contentType);
		return { key, bytes: Buffer.byteLength(body), sha256: sha256(body), created: true };
	}

	private async write(key: string, body: Buffer | string, contentType?: string): Promise<void> {
		try {
			await this.client.send(
				new PutObjectCommand({
					Bucket: this.bucket,
					Key: key,
					Body: body,
					ContentType: contentType ?? 'application/octet-stream',
				}),
			);
		} catch (error) {
			this.fail(error);
		}
	}

	async get(key: string): Promise<Buffer> {
		assertSafeKey(key);
		try {
			const result = await this.client.send(
				new GetObjectCommand({ Bucket: this.bucket, Key: key }),
			);
			return Buffer.from(await result.Body!.transformToByteArray());
		} catch (error) {
			if ((error as { name?: string }).name === 'NoSuchKey') {
				throw notFound(`No object ${key} in ${this.target}`);
			}
			this.fail(error);
		}
	}

	async exists(key: string): Promise<boolean> {
		assertSafeKey(key);
		try {
			await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
			return true;
		} catch (error) {
			const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
				?.httpStatusCode;
			const name = (error as { name?: string }).name;
			if (status === 404 && name !== 'NoSuchBucket') return false;
			this.fail(error);
		}
	}

	async ensureReady(): Promise<void> {
		try {
			await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
		} catch (error) {
			this.fail(error);
		}
	}

	async check(): Promise<ObjectStoreHealth> {
		try {
			await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
			const probe = `health-check/${randomUUID()}`;
			await this.write(probe, 'ok');
			await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: probe }));
			return { ok: true, message: `bucket "${this.bucket}" at ${this.target} is writable` };
		} catch (error) {
			return { ok: false, message: describeS3Error(error, this.bucket, this.target).message };
		}
	}

	close(): void {
		this.client.destroy();
	}
}
