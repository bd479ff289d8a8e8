import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's folder (the nearest one up with a package.json), so these helpers find the shipped
 * workflows and scripts both from the sources (jest) and compiled into .bench-build (benchmarks).
 */
function findRoot(from: string): string {
	for (let dir = from; ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'package.json'))) return dir;
		if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
	}
}

export const PROJECT_ROOT = findRoot(__dirname);
