import type { ObjectStoreConfig } from '../config/StoreConfig';
import { LocalObjectStore } from './LocalObjectStore';
import type { ObjectStore } from './ObjectStore';

/** The S3 client (~20 MB resident) is loaded only by a store that uses it. */
export async function openObjectStore(config: ObjectStoreConfig): Promise<ObjectStore> {
	if (config.kind !== 's3') return new LocalObjectStore(config.folder);
	const { S3ObjectStore } = await import('./S3ObjectStore');
	return new S3ObjectStore(config);
}
