/** Where the engine keeps its rows and its raw objects. Built from the store credential or defaults. */
export type PostgresSslMode = 'disable' | 'require' | 'verify-full';

export interface EmbeddedDatabaseConfig {
	kind: 'embedded';
	/** Folder that holds the PGlite data directory; one process may open it at a time. */
	folder: string;
}

export interface PostgresDatabaseConfig {
	kind: 'postgres';
	/** postgres:// URL; when given it wins over the separate fields. */
	connectionString?: string;
	host?: string;
	port?: number;
	database?: string;
	user?: string;
	password?: string;
	ssl: PostgresSslMode;
	maxConnections?: number;
}

export type DatabaseConfig = EmbeddedDatabaseConfig | PostgresDatabaseConfig;

export interface LocalObjectStoreConfig {
	kind: 'local';
	folder: string;
}

export interface S3ObjectStoreConfig {
	kind: 's3';
	/** Custom endpoint (MinIO, s3rver, R2…); empty for AWS itself. */
	endpoint?: string;
	region: string;
	bucket: string;
	accessKeyId: string;
	secretAccessKey: string;
	/** Path-style addressing (bucket in the path), which MinIO and most S3 clones need. */
	forcePathStyle: boolean;
}

export type ObjectStoreConfig = LocalObjectStoreConfig | S3ObjectStoreConfig;

export interface StoreConfig {
	database: DatabaseConfig;
	objects: ObjectStoreConfig;
}
