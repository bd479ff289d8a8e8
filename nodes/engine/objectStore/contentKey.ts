import { hash } from 'node:crypto';

import { invalidInput } from '../errors';

/** One-shot hashing: a Hash object per message cost more than hashing a small message. */
export function sha256(body: Buffer | string): string {
	return hash('sha256', body, 'hex');
}

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Keys are plain relative paths: no `..`, no leading slash, nothing a folder store could escape by. */
export function assertSafeKey(key: string): void {
	const segments = key.split('/');
	if (!key || segments.some((segment) => !SAFE_SEGMENT.test(segment))) {
		throw invalidInput(
			`Invalid object key "${key}"`,
			'Keys are relative paths of [A-Za-z0-9._-] segments.',
		);
	}
}

/**
 * `raw/ab/abcd…ef.eml`: one fan-out level of 256 folders keeps each folder (or S3 prefix listing)
 * to ~40k entries at ten million objects. A second level would mean a new folder for nearly every
 * object up to millions, and creating folders halved local-disk ingest speed (docs/benchmarks.md).
 */
export function contentKey(hash: string, prefix: string, extension = ''): string {
	const key = `${prefix}/${hash.slice(0, 2)}/${hash}${extension}`;
	assertSafeKey(key);
	return key;
}
