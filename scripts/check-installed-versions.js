#!/usr/bin/env node
// n8n installs a community package without its lockfile (`npm install --package-lock=false` in the
// package's folder), so every version npm may float to is a version users run and the tests never
// did. This walks the package as installed and fails when any package in it has a version the
// lockfile does not hold. Usage: node scripts/check-installed-versions.js <installed package dir>
'use strict';
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const installed = process.argv[2];
const lockFile = process.argv[3] ?? join(__dirname, '..', 'package-lock.json');
if (!installed || !existsSync(join(installed, 'package.json'))) {
	console.error('usage: check-installed-versions.js <installed package dir> [package-lock.json]');
	process.exit(2);
}

/** Every name@version the lockfile holds (runtime and dev: a tested version is a tested version). */
const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
const tested = new Map();
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
	if (!path || !entry.version) continue;
	const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
	tested.set(name, new Set([...(tested.get(name) ?? []), entry.version]));
}

/** name → versions found in the installed tree (node_modules at any depth). */
function walk(dir, found) {
	const modules = join(dir, 'node_modules');
	if (!existsSync(modules)) return found;
	for (const entry of readdirSync(modules)) {
		if (entry.startsWith('.')) continue;
		const scoped = entry.startsWith('@')
			? readdirSync(join(modules, entry)).map((e) => join(entry, e))
			: [entry];
		for (const name of scoped) {
			const pkgDir = join(modules, name);
			const manifest = join(pkgDir, 'package.json');
			if (!existsSync(manifest)) continue;
			const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
			found.push({ name: name.split('\\').join('/'), version, where: pkgDir });
			walk(pkgDir, found);
		}
	}
	return found;
}

const found = walk(installed, []);
const drifted = found.filter(({ name, version }) => !tested.get(name)?.has(version));
console.log(
	`[versions] ${found.length} installed packages checked against ${lockFile.split('/').pop()}: ${drifted.length} not tested`,
);
for (const d of drifted)
	console.log(
		`  ${d.name}@${d.version} (the lockfile has ${[...(tested.get(d.name) ?? ['none'])].join(', ')})`,
	);
process.exit(drifted.length ? 1 : 0);
