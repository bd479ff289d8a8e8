/**
 * docker-compose.yml's n8n environment (`x-n8n`) for its queue profile, run natively: every compose
 * variable with the loopback address of the service it names. A unit test holds the two together.
 */
export interface QueueServices {
	postgres: URL;
	n8nDatabase: string;
	redis: { host: string; port: string };
	/** Each run its own queue in a shared Redis. */
	queuePrefix: string;
	storeUrl: string;
	s3: { endpoint: string; bucket: string; accessKey: string; secretKey: string };
}

/** Set by the e2e helper on every n8n it starts (N8n.env), whatever the mode. */
export const SET_BY_E2E_HELPER = ['N8N_ENCRYPTION_KEY', 'N8N_DIAGNOSTICS_ENABLED'];

/**
 * Compose variables the test leaves out: the public address n8n prints in links (the test calls the
 * loopback address it started n8n on instead), and the spamd the drafts are scored by (the queue
 * test proves the queue; the browser test runs the spam check in a real n8n).
 */
export const COMPOSE_ONLY = ['WEBHOOK_URL', 'SALES_ENGINE_SPAMD'];

/**
 * Variables only the test sets: ports compose leaves at their defaults (each test gets its own),
 * the per-run queue prefix, and the worker health server's loopback address.
 */
export const TEST_ONLY = [
	'DB_POSTGRESDB_PORT',
	'QUEUE_BULL_REDIS_PORT',
	'QUEUE_BULL_PREFIX',
	'N8N_WORKER_SERVER_ADDRESS',
];

export function queueModeEnv(s: QueueServices): NodeJS.ProcessEnv {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: s.postgres.hostname,
		DB_POSTGRESDB_PORT: s.postgres.port || '5432',
		DB_POSTGRESDB_DATABASE: s.n8nDatabase,
		DB_POSTGRESDB_USER: decodeURIComponent(s.postgres.username) || 'postgres',
		DB_POSTGRESDB_PASSWORD: decodeURIComponent(s.postgres.password),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: s.redis.host,
		QUEUE_BULL_REDIS_PORT: s.redis.port,
		QUEUE_BULL_PREFIX: s.queuePrefix,
		GENERIC_TIMEZONE: 'UTC',
		SALES_ENGINE_DATABASE_URL: s.storeUrl,
		SALES_ENGINE_S3_ENDPOINT: s.s3.endpoint,
		SALES_ENGINE_S3_BUCKET: s.s3.bucket,
		SALES_ENGINE_S3_ACCESS_KEY: s.s3.accessKey,
		SALES_ENGINE_S3_SECRET_KEY: s.s3.secretKey,
		N8N_RUNNERS_ENABLED: 'true',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
}

/** What compose gives each worker on top of `x-n8n`: `worker --concurrency=5` and its health server. */
export const WORKER_CONCURRENCY = 5;
export const WORKER_ENV = { QUEUE_HEALTH_CHECK_ACTIVE: 'true' };
