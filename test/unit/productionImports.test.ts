import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

function sources(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sources(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

describe('the shipped code', () => {
	it('loads nothing from test/ (modules it imports, requires or names as a path)', () => {
		const offenders = [...sources(join(ROOT, 'nodes')), ...sources(join(ROOT, 'credentials'))]
			.filter((file) =>
				/['"`][^'"`\n]*\btest\/(helpers|unit|integration)\b/.test(readFileSync(file, 'utf8')),
			)
			.map((file) => relative(ROOT, file));
		// Before: nodes/engine/ingest/parsePool.ts required test/helpers/register-ts.js.
		expect(offenders).toEqual([]);
	});
});
