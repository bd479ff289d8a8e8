import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tsSources } from '../helpers/tsSources';

const ROOT = join(__dirname, '../..');

describe('the shipped code', () => {
	it('loads nothing from test/ (modules it imports, requires or names as a path)', () => {
		const offenders = [...tsSources(join(ROOT, 'nodes')), ...tsSources(join(ROOT, 'credentials'))]
			.filter((file) =>
				/['"`][^'"`\n]*\btest\/(helpers|unit|integration)\b/.test(readFileSync(file, 'utf8')),
			)
			.map((file) => relative(ROOT, file));
		// Before: nodes/engine/ingest/parsePool.ts required test/helpers/register-ts.js.
		expect(offenders).toEqual([]);
	});
});
