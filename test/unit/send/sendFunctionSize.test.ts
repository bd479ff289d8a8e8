import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import ts from 'typescript';
import { tsSources } from '../../helpers/tsSources';

const ROOT = join(__dirname, '../../..');
const SEND = join(ROOT, 'nodes/engine/send');

/** Every function with a body in a file: its name (or where it starts) and its length in lines. */
function functionsOf(path: string): Array<{ name: string; lines: number }> {
	const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
	const found: Array<{ name: string; lines: number }> = [];
	const visit = (node: ts.Node): void => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const start = file.getLineAndCharacterOfPosition(node.getStart()).line;
			const end = file.getLineAndCharacterOfPosition(node.end).line;
			const name =
				'name' in node && node.name ? node.name.getText(file) : `(anonymous)@${start + 1}`;
			found.push({ name: `${relative(ROOT, path)} ${name}`, lines: end - start + 1 });
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return found;
}

/**
 * The send path stays a short loop over named stages: `dispatch` under 60 lines, and no function
 * under nodes/engine/send over 80, so a stage that grows is split rather than grown.
 */
describe('the size of the send path', () => {
	const all = tsSources(SEND).flatMap(functionsOf);

	it('reads every function of send/ (the check cannot pass on an empty walk)', () => {
		expect(all.length).toBeGreaterThan(100);
		expect(all.some((f) => f.name === 'nodes/engine/send/dispatch.ts dispatch')).toBe(true);
	});

	it('keeps dispatch under 60 lines', () => {
		const dispatch = all.find((f) => f.name === 'nodes/engine/send/dispatch.ts dispatch');
		expect(dispatch!.lines).toBeLessThan(60);
	});

	it('has no function over 80 lines', () => {
		expect(all.filter((f) => f.lines > 80)).toEqual([]);
	});
});
