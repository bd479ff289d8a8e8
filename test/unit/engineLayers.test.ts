import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';
import { tsSources } from '../helpers/tsSources';

const ROOT = join(__dirname, '../..');
const ENGINE = join(ROOT, 'nodes/engine');

/** The layers written down in docs/architecture.md (## Layers): `<n> unit unit …`, bottom first. */
function documentedLayers(): Map<string, number> {
	const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
	const section = doc.split('\n## Layers')[1]?.split('\n## ')[0] ?? '';
	const block = section.split('```')[1] ?? '';
	const layers = new Map<string, number>();
	for (const line of block.split('\n')) {
		const m = /^(\d+)\s+(.+)$/.exec(line.trim());
		if (m) for (const unit of m[2].split(/\s+/)) layers.set(unit, Number(m[1]));
	}
	return layers;
}

/** A file's unit: its top folder under nodes/engine, or the root file's own name. */
const unitOf = (file: string) => {
	const [first, ...rest] = relative(ENGINE, file).split('/');
	return rest.length ? first : first.replace(/\.(d\.)?ts$/, '');
};

/** Every import between units: what the compiler reads as imports, requires and dynamic imports. */
function unitImports(): Array<{ from: string; to: string; file: string; target: string }> {
	const found = [];
	for (const file of tsSources(ENGINE)) {
		const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
		for (const { fileName } of info.importedFiles) {
			if (!fileName.startsWith('.')) continue;
			const target = resolve(dirname(file), fileName);
			if (relative(ENGINE, target).startsWith('..')) continue;
			const to = unitOf(target.endsWith('.ts') ? target : `${target}.ts`);
			const from = unitOf(file);
			if (from !== to) found.push({ from, to, file: relative(ENGINE, file), target: fileName });
		}
	}
	return found;
}

/** Units in a circle: the strongly connected components with more than one unit (Tarjan). */
function circles(edges: Array<{ from: string; to: string }>): string[][] {
	const next = new Map<string, Set<string>>();
	for (const e of edges) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const out: string[][] = [];
	const visit = (v: string) => {
		index.set(v, index.size);
		low.set(v, index.get(v)!);
		stack.push(v);
		for (const w of next.get(v) ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do component.push((w = stack.pop()!));
			while (w !== v);
			if (component.length > 1) out.push(component.sort());
		}
	};
	for (const v of next.keys()) if (!index.has(v)) visit(v);
	return out;
}

describe("the engine's layers (docs/architecture.md, Layers)", () => {
	const layers = documentedLayers();
	const edges = unitImports();

	it('name every folder and root file of nodes/engine, and nothing else', () => {
		const units = new Set(tsSources(ENGINE).map(unitOf));
		expect([...units].filter((u) => !layers.has(u)).sort()).toEqual([]);
		expect([...layers.keys()].filter((u) => !units.has(u)).sort()).toEqual([]);
	});

	it('and docs/architecture.md names every folder below them', () => {
		const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
		const folders = (dir: string): string[] =>
			readdirSync(dir)
				.filter((name) => statSync(join(dir, name)).isDirectory())
				.flatMap((name) => [join(dir, name), ...folders(join(dir, name))]);
		const nested = folders(ENGINE)
			.map((f) => relative(ENGINE, f))
			.filter((f) => f.includes('/'));
		expect(nested.filter((f) => !doc.includes(`${f}/`))).toEqual([]);
	});

	it('hold: no import points up a layer', () => {
		const upward = edges
			.filter((e) => layers.get(e.to)! > layers.get(e.from)!)
			.map(
				(e) =>
					`${e.file} imports ${e.target} (${e.from} ${layers.get(e.from)} → ${e.to} ${layers.get(e.to)})`,
			);
		expect(upward).toEqual([]);
	});

	it('hold: no two units import each other, directly or around a circle', () => {
		expect(circles(edges)).toEqual([]);
	});

	it('fail on an import pointing up and on a circle (the checks themselves)', () => {
		const fake = [
			{ from: 'store', to: 'send' },
			{ from: 'send', to: 'store' },
		];
		expect(fake.filter((e) => layers.get(e.to)! > layers.get(e.from)!)).toHaveLength(1);
		expect(circles(fake)).toEqual([['send', 'store']]);
	});
});
