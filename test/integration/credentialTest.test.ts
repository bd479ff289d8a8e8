import { join } from 'node:path';

import type { ICredentialTestFunctions } from 'n8n-workflow';

import { salesEngineStoreTest } from '../../nodes/shared/storeCredential';
import { ADMIN_URL } from '../helpers/postgres';
import { tempDir } from '../helpers/tempDir';

// The function n8n calls when a user clicks "Test" on the credential; it uses nothing from `this`.
const test = (data: Record<string, unknown>) =>
	salesEngineStoreTest.call({} as ICredentialTestFunctions, {
		id: 'c1',
		name: 'store',
		type: 'salesEngineStoreApi',
		data: data as never,
	});

describe('the store credential test n8n runs', () => {
	const dir = tempDir();
	afterAll(() => dir.remove());

	it('passes for PostgreSQL and a local folder', async () => {
		const result = await test({
			database: 'postgres',
			postgresConnection: 'url',
			connectionString: ADMIN_URL,
			objectStore: 'local',
			localFolder: join(dir.path, 'objects'),
		});
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/^Connected to PostgreSQL/);
	});

	it('fails with the reason for a bad URL or an incomplete credential', async () => {
		expect(
			await test({
				database: 'postgres',
				postgresConnection: 'url',
				connectionString: 'mysql://x/y',
			}),
		).toEqual({
			status: 'Error',
			message: expect.stringMatching(/must start with postgres:\/\//),
		});
		expect(await test({ objectStore: 's3' })).toEqual({
			status: 'Error',
			message: 'The store credential has no S3 bucket name',
		});
	});
});
