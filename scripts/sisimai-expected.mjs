#!/usr/bin/env node
// Builds test/fixtures/sisimai/expected.json, the result sisimai expects for each public sample of
// its set-of-emails corpus, from the tables in go-sisimai's fact/*_test.go (BSD-2, licence kept
// beside the JSON). Usage: node scripts/sisimai-expected.mjs <go-sisimai checkout>
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
if (!root) throw new Error('usage: sisimai-expected.mjs <go-sisimai checkout>');
const ROW =
	/\{"(\d+)",\s*(\d+),\s*"([^"]*)",\s*"([^"]*)",\s*"([a-z]+)",\s*(true|false),\s*"([^"]*)"\}/g;
// Modules whose public samples still carry an older module's name.
const SAMPLE_NAME = { interscanmss: 'trendmicro', mailmarshalsmtp: 'mailmarshal' };
const expected = {};
for (const name of readdirSync(join(root, 'fact')).filter((f) => f.endsWith('_test.go'))) {
	const source = readFileSync(join(root, 'fact', name), 'utf8');
	const test = /func Test(\w+)\(/.exec(source)?.[1];
	const pub = /publiclist := \[\]\[\]IsExpected\{([\s\S]*?)\}[;\s]*EngineTest\(t, "([^"]+)"/.exec(
		source,
	);
	if (!test || !pub) continue;
	const prefix = test.startsWith('Lhost') ? 'lhost-' : test.startsWith('Rhost') ? 'rhost-' : '';
	for (const [, label, index, status, replyCode, reason, hard, another] of pub[1].matchAll(ROW)) {
		const engine = pub[2].toLowerCase();
		const file = `${prefix}${SAMPLE_NAME[engine] ?? engine}-${label}.eml`;
		const rows = (expected[file] ??= []);
		if (rows.some((r) => r.index === Number(index))) continue;
		rows.push({
			index: Number(index),
			status,
			replyCode,
			reason,
			hardBounce: hard === 'true',
			...(another ? { feedbackType: another } : {}),
		});
	}
}
const sorted = Object.fromEntries(Object.entries(expected).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(
	join(process.cwd(), 'test/fixtures/sisimai/expected.json'),
	`${JSON.stringify(sorted, null, '\t')}\n`,
);
console.log(`${Object.keys(sorted).length} files`);
