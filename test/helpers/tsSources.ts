import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file under a folder, at any depth (the source-reading tests' walk). */
export function tsSources(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return tsSources(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}
