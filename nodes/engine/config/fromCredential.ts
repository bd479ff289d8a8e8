import { join } from 'node:path';

import { EngineError, invalidInput } from '../errors';
import { defaultDataFolder } from './defaults';
import type {
	DatabaseConfig,
	ObjectStoreConfig,
	PostgresSslMode,
	StoreConfig,
} from './StoreConfig';

/** The fields of the "Sales Engine Store" credential, as n8n hands them over. */
export interface StoreCredentialData {
	database?: string;
	embeddedFolder?: string;
	postgresConnection?: string;
	connectionString?: string;
	host?: string;
	port?: number;
	databaseName?: string;
	user?: string;
	password?: string;
	ssl?: string;
	maxConnections?: number;
	objectStore?: string;
	localFolder?: string;
	s3Endpoint?: string;
	s3Region?: string;
	s3Bucket?: string;
	s3AccessKeyId?: string;
	s3SecretAccessKey?: string;
	s3ForcePathStyle?: boolean;
}

const SSL_MODES: PostgresSslMode[] = ['disable', 'require', 'verify-full'];

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function databaseConfig(data: StoreCredentialData, root: string): DatabaseConfig {
	const kind = text(data.database) || 'embedded';
	if (kind === 'embedded') {
		return { kind, folder: text(data.embeddedFolder) || join(root, 'db') };
	}
	if (kind !== 'postgres') throw invalidInput(`Unknown database type "${kind}"`);

	const ssl = (text(data.ssl) || 'disable') as PostgresSslMode;
	if (!SSL_MODES.includes(ssl)) {
		throw invalidInput(`Unknown SSL mode "${ssl}"`, `Use one of: ${SSL_MODES.join(', ')}.`);
	}
	const maxConnections = Number(data.maxConnections) || undefined;
	if (text(data.postgresConnection) === 'url') {
		const connectionString = text(data.connectionString);
		if (!connectionString) {
			throw invalidInput(
				'The store credential has no PostgreSQL URL',
				'Enter a URL such as postgres://user:password@host:5432/database.',
			);
		}
		return { kind, connectionString, ssl, maxConnections };
	}
	const host = text(data.host);
	if (!host) throw invalidInput('The store credential has no PostgreSQL host');
	return {
		kind,
		host,
		port: Number(data.port) || 5432,
		database: text(data.databaseName) || 'postgres',
		user: text(data.user) || 'postgres',
		password: typeof data.password === 'string' ? data.password : undefined,
		ssl,
		maxConnections,
	};
}

function objectStoreConfig(data: StoreCredentialData, root: string): ObjectStoreConfig {
	const kind = text(data.objectStore) || 'local';
	if (kind === 'local') return { kind, folder: text(data.localFolder) || join(root, 'objects') };
	if (kind !== 's3') throw invalidInput(`Unknown object store type "${kind}"`);
	const bucket = text(data.s3Bucket);
	if (!bucket) throw invalidInput('The store credential has no S3 bucket name');
	return {
		kind,
		endpoint: text(data.s3Endpoint) || undefined,
		region: text(data.s3Region) || 'us-east-1',
		bucket,
		accessKeyId: text(data.s3AccessKeyId),
		secretAccessKey: typeof data.s3SecretAccessKey === 'string' ? data.s3SecretAccessKey : '',
		forcePathStyle: data.s3ForcePathStyle !== false,
	};
}

/**
 * A node without a store credential: the server's environment may name the store (the compose stack
 * and n8n queue mode, where every worker must share one PostgreSQL), else the embedded default.
 */
function fieldsFromEnv(env: NodeJS.ProcessEnv): StoreCredentialData {
	return {
		...(env.SALES_ENGINE_DATABASE_URL
			? {
					database: 'postgres',
					postgresConnection: 'url',
					connectionString: env.SALES_ENGINE_DATABASE_URL,
				}
			: {}),
		...(env.SALES_ENGINE_S3_BUCKET
			? {
					objectStore: 's3',
					s3Endpoint: env.SALES_ENGINE_S3_ENDPOINT,
					s3Region: env.SALES_ENGINE_S3_REGION,
					s3Bucket: env.SALES_ENGINE_S3_BUCKET,
					s3AccessKeyId: env.SALES_ENGINE_S3_ACCESS_KEY,
					s3SecretAccessKey: env.SALES_ENGINE_S3_SECRET_KEY,
				}
			: {}),
	} as StoreCredentialData;
}

/**
 * Turns credential fields into a StoreConfig; with no credential, the SALES_ENGINE_* environment
 * or the embedded default; anything left empty falls back to the embedded default.
 */
export function storeConfigFromCredential(
	data: StoreCredentialData | undefined,
	env: NodeJS.ProcessEnv = process.env,
): StoreConfig {
	const root = defaultDataFolder(env);
	const fields = data ?? fieldsFromEnv(env);
	const database = databaseConfig(fields, root);
	if (database.kind === 'embedded' && env.EXECUTIONS_MODE === 'queue') throw embeddedInQueueMode();
	return { database, objects: objectStoreConfig(fields, root) };
}

/**
 * In n8n queue mode the main instance and every worker run this package's nodes in their own
 * processes: an embedded store would be one file per process (or a locked folder), never one store.
 */
function embeddedInQueueMode(): EngineError {
	return new EngineError(
		'STORE_CONFIG',
		'The embedded store cannot serve n8n queue mode (EXECUTIONS_MODE=queue): the main instance and every worker need one shared store',
		'Set SALES_ENGINE_DATABASE_URL (and SALES_ENGINE_S3_*) on the main instance and every worker, as the compose stack does, or give every node a "Sales Engine Store" credential that points at PostgreSQL.',
	);
}
