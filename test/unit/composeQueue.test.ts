import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import {
	COMPOSE_ONLY,
	queueModeEnv,
	SET_BY_E2E_HELPER,
	TEST_ONLY,
	WORKER_CONCURRENCY,
	WORKER_ENV,
} from '../../e2e/helpers/queueEnv';

interface Service {
	command?: string | string[];
	profiles?: string[];
	environment?: Record<string, string>;
}

const compose = parse(readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8'), {
	merge: true,
}) as { services: Record<string, Service>; 'x-n8n': Service };

const tested = queueModeEnv({
	postgres: new URL('postgres://postgres@127.0.0.1:5432/postgres'),
	n8nDatabase: 'n8n',
	redis: { host: '127.0.0.1', port: '6379' },
	queuePrefix: 'bull',
	storeUrl: 'postgres://postgres@127.0.0.1:5432/sales_engine',
	s3: { endpoint: 'http://127.0.0.1:9000', bucket: 'sales-engine', accessKey: 'k', secretKey: 's' },
});

describe("docker-compose.yml's queue profile is the environment the queue-mode e2e test proves", () => {
	const main = compose['x-n8n'].environment!;

	it('every n8n variable of the stack is set by the test, and the test sets nothing the stack lacks', () => {
		const stack = Object.keys(main).filter((k) => !COMPOSE_ONLY.includes(k));
		const test = [
			...Object.keys(tested).filter((k) => !TEST_ONLY.includes(k)),
			...SET_BY_E2E_HELPER,
		];
		expect(test.sort()).toEqual(stack.sort());
	});

	it('the same values where they are not addresses or secrets', () => {
		for (const key of [
			'DB_TYPE',
			'N8N_RUNNERS_ENABLED',
			'OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS',
			'SALES_ENGINE_S3_BUCKET',
		]) {
			expect([key, tested[key]]).toEqual([key, main[key]]);
		}
		// The stack runs queue mode when .env says EXECUTIONS_MODE=queue, as its header tells.
		expect(main.EXECUTIONS_MODE).toBe('${EXECUTIONS_MODE:-regular}');
		expect(tested.EXECUTIONS_MODE).toBe('queue');
		expect(main.GENERIC_TIMEZONE).toBe('${GENERIC_TIMEZONE:-UTC}');
		expect(tested.GENERIC_TIMEZONE).toBe('UTC');
	});

	it('two workers in the queue profile, with the concurrency and health server the test starts', () => {
		const workers = Object.entries(compose.services).filter(([, s]) =>
			String(s.command ?? '').startsWith('worker'),
		);
		expect(workers.map(([name]) => name)).toEqual(['n8n-worker-1', 'n8n-worker-2']);
		for (const [, worker] of workers) {
			expect(worker.profiles).toEqual(['queue']);
			expect(worker.command).toBe(`worker --concurrency=${WORKER_CONCURRENCY}`);
			expect(worker.environment).toEqual({ ...main, ...WORKER_ENV });
		}
		expect(compose.services.redis.profiles).toEqual(['queue']);
	});
});
