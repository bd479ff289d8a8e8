import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { tempDir } from '../helpers/tempDir';

const root = join(__dirname, '..', '..');
const script = (name: string) => join(root, 'scripts', name);

/** A package folder as npm leaves it: the package and, under node_modules, what it installed. */
function installed(dir: string, tree: Record<string, string>): void {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
	for (const [path, version] of Object.entries(tree)) {
		mkdirSync(join(dir, path), { recursive: true });
		writeFileSync(join(dir, path, 'package.json'), JSON.stringify({ name: path, version }));
	}
}

describe('what n8n installs is what was tested', () => {
	const folder = tempDir('versions-');
	afterAll(() => folder.remove());
	const lock = join(folder.path, 'package-lock.json');
	writeFileSync(
		lock,
		JSON.stringify({
			packages: {
				'': { name: 'x' },
				'node_modules/a': { version: '1.0.0' },
				'node_modules/@s/b': { version: '2.0.0' },
				'node_modules/c': { version: '3.0.0' },
				'node_modules/a/node_modules/c': { version: '3.1.0' },
			},
		}),
	);
	const check = (dir: string) =>
		spawnSync('node', [script('check-installed-versions.js'), dir, lock], { encoding: 'utf8' });

	it('passes a tree of tested versions, nested and scoped ones included', () => {
		const dir = join(folder.path, 'same');
		installed(dir, {
			'node_modules/a': '1.0.0',
			'node_modules/a/node_modules/c': '3.1.0',
			'node_modules/@s/b': '2.0.0',
			'node_modules/c': '3.0.0',
		});
		const run = check(dir);
		expect(run.stdout).toContain(
			'4 installed packages checked against package-lock.json: 0 not tested',
		);
		expect(run.status).toBe(0);
	});

	it('fails, naming the package, when one floated to a version the tests never ran', () => {
		const dir = join(folder.path, 'floated');
		installed(dir, {
			'node_modules/a': '1.0.0',
			'node_modules/a/node_modules/c': '3.1.1',
			'node_modules/@s/b': '2.0.0',
		});
		const run = check(dir);
		expect(run.status).toBe(1);
		expect(run.stdout).toContain('1 not tested');
		expect(run.stdout).toContain('c@3.1.1 (the lockfile has 3.0.0, 3.1.0)');
	});

	it("keeps package.json's overrides (what pins the tree in n8n's install) equal to the lockfile", () => {
		const run = spawnSync('node', [script('pin-overrides.js'), '--check'], { encoding: 'utf8' });
		expect(run.stdout).toContain('package.json overrides match package-lock.json');
		expect(run.status).toBe(0);
	});
});
