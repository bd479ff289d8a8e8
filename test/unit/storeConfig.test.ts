import { defaultStoreConfig, storeConfigFromCredential } from '../../nodes/engine';
import { describeDbError } from '../../nodes/engine/store/describeDbError';
import { redactUrl } from '../../nodes/engine/store/redactUrl';
import { assertSafeKey, contentKey, sha256 } from '../../nodes/engine/objectStore/contentKey';
import { isEmailAddress, normalizeEmail } from '../../nodes/engine/mail/emailAddress';

const env = { N8N_USER_FOLDER: '/srv/n8n' } as NodeJS.ProcessEnv;

describe('store configuration', () => {
	it('defaults to the embedded store in the n8n user folder', () => {
		expect(defaultStoreConfig(env)).toEqual({
			database: { kind: 'embedded', folder: '/srv/n8n/.n8n/sales-engine/db' },
			objects: { kind: 'local', folder: '/srv/n8n/.n8n/sales-engine/objects' },
		});
		expect(storeConfigFromCredential(undefined, env)).toEqual(defaultStoreConfig(env));
		expect(
			defaultStoreConfig({ SALES_ENGINE_DATA_DIR: '/data/se' } as NodeJS.ProcessEnv).database,
		).toEqual({
			kind: 'embedded',
			folder: '/data/se/db',
		});
	});

	it('without a credential, takes the store the server environment names (compose, queue mode)', () => {
		const server = {
			...env,
			SALES_ENGINE_DATABASE_URL: 'postgres://postgres:pw@postgres:5432/sales_engine',
			SALES_ENGINE_S3_ENDPOINT: 'http://minio:9000',
			SALES_ENGINE_S3_BUCKET: 'sales-engine',
			SALES_ENGINE_S3_ACCESS_KEY: 'key',
			SALES_ENGINE_S3_SECRET_KEY: 'secret',
		} as NodeJS.ProcessEnv;
		expect(storeConfigFromCredential(undefined, server)).toMatchObject({
			database: {
				kind: 'postgres',
				connectionString: 'postgres://postgres:pw@postgres:5432/sales_engine',
			},
			objects: {
				kind: 's3',
				endpoint: 'http://minio:9000',
				region: 'us-east-1',
				bucket: 'sales-engine',
				accessKeyId: 'key',
				secretAccessKey: 'secret',
				forcePathStyle: true,
			},
		});
		// A credential, when a node has one, wins over the environment.
		expect(storeConfigFromCredential({ database: 'embedded' }, server).database.kind).toBe(
			'embedded',
		);
	});

	it('refuses the embedded store in n8n queue mode, whether by default or by credential', () => {
		const queue = { ...env, EXECUTIONS_MODE: 'queue' } as NodeJS.ProcessEnv;
		for (const data of [undefined, { database: 'embedded' }]) {
			expect(() => storeConfigFromCredential(data, queue)).toThrow(
				expect.objectContaining({
					code: 'STORE_CONFIG',
					message: expect.stringMatching(/embedded store cannot serve n8n queue mode/),
					description: expect.stringMatching(/SALES_ENGINE_DATABASE_URL/),
				}),
			);
		}
		const shared = { ...queue, SALES_ENGINE_DATABASE_URL: 'postgres://pg/se' } as NodeJS.ProcessEnv;
		expect(storeConfigFromCredential(undefined, shared).database.kind).toBe('postgres');
	});

	it('reads PostgreSQL by URL or by fields, and S3', () => {
		expect(
			storeConfigFromCredential(
				{
					database: 'postgres',
					postgresConnection: 'url',
					connectionString: ' postgres://u:p@h/db ',
					ssl: 'require',
				},
				env,
			).database,
		).toEqual({
			kind: 'postgres',
			connectionString: 'postgres://u:p@h/db',
			ssl: 'require',
			maxConnections: undefined,
		});
		expect(
			storeConfigFromCredential(
				{
					database: 'postgres',
					postgresConnection: 'fields',
					host: 'db',
					port: 6543,
					password: 'pw',
				},
				env,
			).database,
		).toEqual({
			kind: 'postgres',
			host: 'db',
			port: 6543,
			database: 'postgres',
			user: 'postgres',
			password: 'pw',
			ssl: 'disable',
			maxConnections: undefined,
		});
		expect(
			storeConfigFromCredential(
				{
					objectStore: 's3',
					s3Endpoint: 'http://minio:9000',
					s3Bucket: 'mail',
					s3AccessKeyId: 'k',
					s3SecretAccessKey: 's',
				},
				env,
			).objects,
		).toEqual({
			kind: 's3',
			endpoint: 'http://minio:9000',
			region: 'us-east-1',
			bucket: 'mail',
			accessKeyId: 'k',
			secretAccessKey: 's',
			forcePathStyle: true,
		});
	});

	it('says what is missing', () => {
		expect(() =>
			storeConfigFromCredential({ database: 'postgres', postgresConnection: 'url' }, env),
		).toThrow('The store credential has no PostgreSQL URL');
		expect(() => storeConfigFromCredential({ objectStore: 's3' }, env)).toThrow(
			'The store credential has no S3 bucket name',
		);
		expect(() =>
			storeConfigFromCredential({ database: 'postgres', host: 'h', ssl: 'maybe' }, env),
		).toThrow('Unknown SSL mode "maybe"');
	});
});

describe('database error messages', () => {
	it('maps connection failures and leaves SQL errors alone', () => {
		expect(
			describeDbError(
				{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
				'postgres://h:1/d',
			),
		).toMatchObject({
			code: 'STORE_UNREACHABLE',
		});
		expect(
			describeDbError({ code: '28P01', message: 'password authentication failed' }, 't'),
		).toMatchObject({
			code: 'STORE_AUTH',
			message: 'PostgreSQL at t refused the login: password authentication failed',
		});
		expect(describeDbError({ code: '23505', message: 'duplicate key' }, 't')).toBeUndefined();
	});

	it('never shows the password', () => {
		expect(redactUrl('postgres://user:hunter2@db:5432/x')).toBe('postgres://user:***@db:5432/x');
	});
});

describe('object keys and addresses', () => {
	it('builds content-addressed keys and refuses unsafe ones', () => {
		const hash = sha256('abc');
		expect(contentKey(hash, 'raw', '.eml')).toBe(`raw/ba/${hash}.eml`);
		for (const bad of ['', '../x', 'a//b', '/a', 'a/.hidden', 'a b']) {
			expect(() => assertSafeKey(bad)).toThrow(/Invalid object key/);
		}
	});

	it('checks email syntax', () => {
		expect(isEmailAddress('dana.reyes+sales@mail.northwind.io')).toBe(true);
		for (const bad of ['dana', 'dana@', '@x.io', 'dana@localhost', 'da na@x.io', 'dana@x..io']) {
			expect(isEmailAddress(bad)).toBe(false);
		}
		expect(normalizeEmail('  Dana@X.IO ')).toBe('dana@x.io');
	});
});
