import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const workflows = readdirSync(join(root, 'workflows'))
	.filter((f) => f.endsWith('.json'))
	.map((f) => ({
		file: f,
		...(JSON.parse(readFileSync(join(root, 'workflows', f), 'utf8')) as {
			nodes: Array<{
				name: string;
				disabled?: boolean;
				credentials?: Record<string, { id: string }>;
			}>;
		}),
	}));

/** Credentials the compose stack (and `npm run demo`) creates: docker/make-credentials.js. */
const made = [
	...readFileSync(join(root, 'docker', 'make-credentials.js'), 'utf8').matchAll(/id: '(\w+)'/g),
].map((m) => m[1]);
/** The one credential only the user can give: the mailbox replies are read from. */
const userSupplied = ['SEimapreplies001'];

describe('the shipped workflows', () => {
	it('name no credential that does not exist on a fresh stack, and none on an optional, disabled node', () => {
		const dangling = workflows.flatMap(({ file, nodes }) =>
			nodes.flatMap((n) =>
				Object.values(n.credentials ?? {})
					.filter((c) => n.disabled || ![...made, ...userSupplied].includes(c.id))
					.map((c) => `${file} → ${n.name}: ${c.id}`),
			),
		);
		expect(made.length).toBeGreaterThanOrEqual(3);
		expect(dangling).toEqual([]);
	});
});
