import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

import { Client } from 'pg';

import {
	closeAllEngines,
	defaultStoreConfig,
	getCampaignStatus,
	openEngine,
} from '../nodes/engine';
import { createTestDatabase } from '../test/helpers/postgres';
import { S3RVER_KEY, startS3rver } from '../test/helpers/s3rver';
import { N8n, outputOf } from './helpers/n8n';

const QUICKSTART = JSON.parse(
	readFileSync(join(__dirname, '..', 'workflows', 'campaign-quickstart.json'), 'utf8'),
) as { id: string; name: string; nodes: Array<Record<string, unknown>>; connections: object };

type Credential = { id: string; name: string; data: Record<string, unknown> };

function credential(
	id: string,
	name: string,
	data: Record<string, unknown>,
): Credential & { type: string } {
	return { id, name, type: 'salesEngineStoreApi', data };
}

/** The quick-start workflow with its Create node bound to a store credential (and maybe continueOnFail). */
function quickstartWith(id: string, cred: Credential, options: { continueOnFail?: boolean } = {}) {
	return {
		...QUICKSTART,
		id,
		name: `${QUICKSTART.name} [${cred.name}]`,
		nodes: QUICKSTART.nodes.map((node) =>
			node.type === 'n8n-nodes-sales-engine.salesCampaign'
				? {
						...node,
						credentials: { salesEngineStoreApi: { id: cred.id, name: cred.name } },
						...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
					}
				: node,
		),
	};
}

describe('Sales Campaign in a real n8n', () => {
	let n8n: N8n;
	let s3: Awaited<ReturnType<typeof startS3rver>>;
	let database: Awaited<ReturnType<typeof createTestDatabase>>;

	const pgStore = () =>
		credential('sestorepg0000001', 'Store: PostgreSQL', {
			database: 'postgres',
			postgresConnection: 'url',
			connectionString: database.url,
			objectStore: 's3',
			s3Endpoint: s3.endpoint,
			s3Bucket: 'sales-engine',
			s3AccessKeyId: S3RVER_KEY,
			s3SecretAccessKey: S3RVER_KEY,
		});
	const bad = {
		pg: () =>
			credential('sestorebadpg0001', 'Store: wrong database URL', {
				database: 'postgres',
				postgresConnection: 'url',
				connectionString: 'postgres://postgres:hunter2@127.0.0.1:1/postgres',
			}),
		bucket: () =>
			credential('sestorebadbkt001', 'Store: missing bucket', {
				...pgStore().data,
				s3Bucket: 'no-such-bucket',
			}),
		key: () =>
			credential('sestorebadkey001', 'Store: bad S3 key', {
				...pgStore().data,
				s3AccessKeyId: 'WRONG',
				s3SecretAccessKey: 'wrong',
			}),
	};

	// n8n's default task-broker port held, as an n8n the user already runs (`npm run ui`) holds it:
	// every n8n a test starts must choose its own.
	let brokerSquatter: Server | undefined;

	beforeAll(async () => {
		brokerSquatter = await new Promise<Server | undefined>((resolve) => {
			const server = createServer();
			server.once('error', () => resolve(undefined)); // already taken: the point is made anyway
			server.listen(5679, '127.0.0.1', () => resolve(server));
		});
		[n8n, s3, database] = await Promise.all([
			N8n.withPackage(),
			startS3rver(['sales-engine']),
			createTestDatabase(),
		]);
		const creds = [pgStore(), bad.pg(), bad.bucket(), bad.key()];
		await n8n.import('credentials', creds);
		await n8n.import('workflow', [
			QUICKSTART,
			quickstartWith('SEe2epostgres001', pgStore()),
			quickstartWith('SEe2ebadpg000001', bad.pg()),
			quickstartWith('SEe2ebadbucket01', bad.bucket(), { continueOnFail: true }),
			quickstartWith('SEe2ebadkey00001', bad.key(), { continueOnFail: true }),
		]);
	});

	afterAll(async () => {
		await closeAllEngines();
		await new Promise((resolve) =>
			brokerSquatter ? brokerSquatter.close(resolve) : resolve(null),
		);
		await Promise.all([s3?.stop(), database?.drop()]);
		n8n?.remove();
	});

	it('creates a campaign on the embedded default and reads it back from the store', async () => {
		const execution = await n8n.execute(QUICKSTART.id);
		expect(execution.code).toBe(0);
		const [created] = outputOf(execution, 'Create campaign');
		expect(created).toMatchObject({
			name: 'Quick start',
			brand: { name: 'Northwind Analytics', website: 'https://northwind-analytics.example.com' },
			competitors: [
				{ name: 'Globex Insights', website: 'https://globex-insights.example.com' },
				{ name: 'Initech BI', website: 'https://initech-bi.example.com' },
			],
			status: 'active',
		});
		const [status] = outputOf(execution, 'Campaign status');
		expect(status).toMatchObject({
			id: created.id,
			stage: 'created',
			embedded: 0,
			sendReadiness: { ready: true, missing: [] },
		});

		// n8n has exited and released the folder: open the same embedded store from here.
		const engine = await openEngine(defaultStoreConfig({ N8N_USER_FOLDER: n8n.userFolder }));
		const stored = await getCampaignStatus(engine, created.id);
		expect({ ...stored.campaign, created: true }).toEqual(created);
		const { rows } = await engine.db.query<{ type: string; actor: string }>(
			'select type, actor from campaign_events where campaign_id = $1',
			[created.id as string],
		);
		expect(rows).toEqual([
			{
				type: 'campaign_created',
				actor: expect.stringMatching(/^n8n:workflow=SEquickstart0001:execution=\d+$/),
			},
		]);
		await engine.close();
	});

	it('creates a campaign on PostgreSQL + S3 through the store credential', async () => {
		const execution = await n8n.execute('SEe2epostgres001');
		expect(execution.code).toBe(0);
		const [created] = outputOf(execution, 'Create campaign');
		const [status] = outputOf(execution, 'Campaign status');
		// The machine's PostgreSQL has no pgvector: everything works, embeddings report null.
		expect(status).toMatchObject({ id: created.id, stage: 'created' });

		const client = new Client({ connectionString: database.url });
		await client.connect();
		const { rows } = await client.query('select name, brand, status from campaigns where id = $1', [
			created.id,
		]);
		await client.end();
		expect(rows).toEqual([
			{
				name: 'Quick start',
				brand: { name: 'Northwind Analytics', website: 'https://northwind-analytics.example.com' },
				status: 'active',
			},
		]);
	});

	it('fails a run on a wrong database URL with a clear message and no password', async () => {
		const execution = await n8n.execute('SEe2ebadpg000001');
		expect(execution.code).not.toBe(0);
		const error = execution.data.resultData.error!;
		expect(error.message).toBe(
			'Cannot reach the PostgreSQL server at postgres://postgres:***@127.0.0.1:1/postgres: connection refused',
		);
		expect(error.description).toMatch(/Check the host and port/);
		expect(error.node?.name).toBe('Create campaign');
		expect(JSON.stringify(execution.data)).not.toContain('hunter2');
	});

	it.each([
		[
			'SEe2ebadbucket01',
			/^The bucket "no-such-bucket" does not exist at http:\/\/127\.0\.0\.1:\d+\/no-such-bucket$/,
		],
		[
			'SEe2ebadkey00001',
			/^The object store at .* refused the credentials for bucket "sales-engine"/,
		],
	])('%s: continueOnFail turns a bad bucket or key into an error item', async (id, message) => {
		const execution = await n8n.execute(id);
		expect(execution.code).toBe(0);
		const [item] = outputOf(execution, 'Create campaign');
		expect(item.error).toMatch(message);
		expect(item.description).toEqual(expect.any(String));
	});
});
