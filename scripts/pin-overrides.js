#!/usr/bin/env node
// Writes package.json "overrides" from package-lock.json: every package of the runtime tree at the
// version the tests ran. n8n installs a community package with `npm install --package-lock=false`
// in the package's own folder, so the lockfile (and a shrinkwrap) is ignored there, but that
// folder's package.json is npm's root: its overrides hold. A name the tree holds at one version is
// pinned everywhere; one held at several versions in the lockfile (or a dev dependency of this
// project) is pinned under a parent ("parent": { name }).
// Run after changing a dependency: `npm install && node scripts/pin-overrides.js && npm install`;
// `--check` only says whether package.json is up to date (CI runs it).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const pkgFile = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
const packages = lock.packages;
const nameOf = (path, entry) =>
	entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Where Node finds `child` from the package at `path`: its own node_modules, then upwards. */
function resolve(path, child) {
	let base = path;
	for (;;) {
		const candidate = `${base ? `${base}/` : ''}node_modules/${child}`;
		if (packages[candidate]) return candidate;
		if (!base) return null;
		const cut = base.lastIndexOf('/node_modules/');
		base = cut === -1 ? '' : base.slice(0, cut);
	}
}

/** The runtime tree: from the root's dependencies, every edge to the version it resolves to. */
const edges = [];
const chain = new Map([['', []]]);
const queue = [''];
while (queue.length) {
	const path = queue.shift();
	const entry = packages[path];
	const deps = {
		...(path === '' ? pkg.dependencies : entry.dependencies),
		...(path === '' ? {} : entry.optionalDependencies),
	};
	for (const child of Object.keys(deps ?? {})) {
		const target = resolve(path, child);
		if (!target) continue;
		edges.push({ parent: path, child, version: packages[target].version });
		if (!chain.has(target)) {
			chain.set(target, [...chain.get(path), path].filter(Boolean));
			queue.push(target);
		}
	}
}

const versionsOf = (list) => {
	const map = new Map();
	for (const [name, version] of list) map.set(name, new Set([...(map.get(name) ?? []), version]));
	return map;
};
const runtime = versionsOf(edges.map((e) => [e.child, e.version]));
const everywhere = versionsOf(
	Object.entries(packages)
		.filter(([path]) => path)
		.map(([path, entry]) => [nameOf(path, entry), entry.version]),
);
const devOnly = new Set(Object.keys(pkg.devDependencies ?? {}));
const unique = (name) => everywhere.get(name)?.size === 1 && !devOnly.has(name);
// A global pin also reaches the dev tools' trees (and npm refuses one for this project's own dev
// dependency): a name held at other versions anywhere in the lockfile is pinned under the nearest
// runtime ancestor whose name is unique, so the rule reaches that subtree only.
const overrides = {};
const pinned = new Set();
for (const [name, set] of [...runtime].sort(([a], [b]) => a.localeCompare(b)))
	if (set.size === 1 && unique(name)) {
		overrides[name] = [...set][0];
		pinned.add(name);
	}
const unpinned = [];
for (const e of edges) {
	if (pinned.has(e.child) || e.parent === '') continue;
	const anchor = [e.parent, ...[...chain.get(e.parent)].reverse()].find((path) =>
		unique(nameOf(path, packages[path])),
	);
	const key = anchor && nameOf(anchor, packages[anchor]);
	// A package pinned itself and under it: npm's form is { ".": its version, child: version }.
	const rule =
		typeof overrides[key] === 'string' ? { '.': overrides[key] } : (overrides[key] ?? {});
	if (!key || (rule[e.child] && rule[e.child] !== e.version)) {
		unpinned.push(`${e.child}@${e.version}`);
		continue;
	}
	overrides[key] = { ...rule, [e.child]: e.version };
}
if (process.argv.includes('--check')) {
	// In CI: the committed overrides are what the lockfile says, or the run fails.
	const same = JSON.stringify(pkg.overrides ?? {}) === JSON.stringify(overrides);
	console.log(
		same
			? '[pin-overrides] package.json overrides match package-lock.json'
			: '[pin-overrides] package.json overrides differ from package-lock.json: run node scripts/pin-overrides.js && npm install',
	);
	process.exit(same ? 0 : 1);
}
pkg.overrides = overrides;
writeFileSync(pkgFile, `${JSON.stringify(pkg, null, '\t')}\n`);
const nested = Object.values(overrides).filter((v) => typeof v === 'object').length;
console.log(
	`[pin-overrides] ${Object.keys(overrides).length - nested} packages pinned everywhere, ${nested} subtrees pin what the lockfile holds at several versions` +
		(unpinned.length
			? `; not expressible, left to the installed-version check: ${[...new Set(unpinned)].join(', ')}`
			: ''),
);
