import type { AddressInfo } from 'node:net';

// s3rver ships no types; it is a real S3 REST server on loopback, the real part that stands in for S3.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

import type { S3ObjectStoreConfig } from '../../nodes/engine';
import { tempDir } from './tempDir';

/** s3rver's fixed credentials: it checks signatures against these. */
export const S3RVER_KEY = 'S3RVER';

export async function startS3rver(buckets: string[]): Promise<{
	endpoint: string;
	config: (bucket: string) => S3ObjectStoreConfig;
	stop: () => Promise<void>;
}> {
	const dir = tempDir('s3rver-');
	const server = new S3rver({
		address: '127.0.0.1',
		port: 0,
		silent: true,
		directory: dir.path,
		configureBuckets: buckets.map((name) => ({ name })),
	});
	const address = (await server.run()) as AddressInfo;
	const endpoint = `http://127.0.0.1:${address.port}`;
	return {
		endpoint,
		config: (bucket) => ({
			kind: 's3',
			endpoint,
			region: 'us-east-1',
			bucket,
			accessKeyId: S3RVER_KEY,
			secretAccessKey: S3RVER_KEY,
			forcePathStyle: true,
		}),
		stop: async () => {
			await server.close();
			dir.remove();
		},
	};
}
