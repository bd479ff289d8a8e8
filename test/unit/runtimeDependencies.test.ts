import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { tsSources } from '../helpers/tsSources';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	dependencies: Record<string, string>;
	peerDependencies: Record<string, string>;
};

/** `@scope/name` or `name` of a module specifier. */
const packageOf = (spec: string) =>
	spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

describe('what the package loads at run time', () => {
	it('is all in "dependencies" (n8n installs those alone), never only in devDependencies', () => {
		const builtin = new Set(builtinModules);
		const missing = new Set<string>();
		for (const file of [
			...tsSources(join(ROOT, 'nodes')),
			...tsSources(join(ROOT, 'credentials')),
		]) {
			const text = readFileSync(file, 'utf8');
			// Value imports, re-exports and dynamic imports; `import type` is erased at build time.
			const specs = [
				...text.matchAll(/^(?:import|export)(?! type )[^;]*? from '([^'.][^']*)'/gms),
				...text.matchAll(/import\('([^'.][^']*)'\)/g),
			].map((m) => m[1]);
			for (const spec of specs) {
				const name = packageOf(spec);
				if (spec.startsWith('node:') || builtin.has(name)) continue;
				if (!pkg.dependencies[name] && !pkg.peerDependencies[name])
					missing.add(`${name} (${file.slice(ROOT.length + 1)})`);
			}
		}
		expect([...missing]).toEqual([]);
	});
});
