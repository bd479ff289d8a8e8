import type { ObjectStoreConfig } from '../config/StoreConfig';
import { LocalObjectStore } from './LocalObjectStore';
import type { ObjectStore } from './ObjectStore';
import { S3ObjectStore } from './S3ObjectStore';

export function openObjectStore(config: ObjectStoreConfig): ObjectStore {
	return config.kind === 's3' ? new S3ObjectStore(config) : new LocalObjectStore(config.folder);
}
