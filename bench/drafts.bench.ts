// npm run bench:drafts — deterministic drafts for BENCH_PROSPECTS prospects (default 10000), each a
// sequence of 3 touches linted against the Blueprint: the writer and enforcer alone in memory (the
// baseline), then the full Generate (upsert, write, lint, store) on PGlite and on PostgreSQL.
import { cpus, totalmem } from 'node:os';

import {
	closeAllEngines,
	deterministicSequence,
	generateDrafts,
	getBlueprint,
	lintDraft,
	openEngine,
	type ProspectInput,
} from '../nodes/engine';
import { campaignWithBlueprint } from '../test/fixtures/blueprintCorpus';
import { createTestDatabase } from '../test/helpers/postgres';
import { tempDir } from '../test/helpers/tempDir';
import { benchStoreConfig } from './benchStore';

const NAMES = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal', 'Ida', 'Jon'];

function prospects(count: number): ProspectInput[] {
	return Array.from({ length: count }, (_, i) => ({
		email: `${NAMES[i % NAMES.length].toLowerCase()}.${i}@company${i % 997}.example.net`,
		firstName: NAMES[i % NAMES.length],
		company: `Company${i % 997}`,
		signals: (i % 2
			? { recent_post: `your post about hiring ${(i % 9) + 2} new reps` }
			: {}) as Record<string, string>,
	}));
}

const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function main(): Promise<void> {
	const count = Number(process.env.BENCH_PROSPECTS ?? 10_000);
	const batch = 1000;
	const people = prospects(count);
	console.log(
		`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
	);
	const rows: string[] = [];
	const dir = tempDir('bench-drafts-');
	try {
		for (const store of ['embedded', 'postgres'] as const) {
			const database = store === 'postgres' ? await createTestDatabase() : undefined;
			try {
				const engine = await openEngine(
					benchStoreConfig({ store, pgUrl: database?.url, dir: `${dir.path}/${store}` }),
				);
				const campaignId = await campaignWithBlueprint(engine);
				const { body } = await getBlueprint(engine, campaignId);
				let started = performance.now();
				let passed = 0;
				const broken: Record<string, number> = {};
				for (const p of people) {
					const touches = deterministicSequence(
						body,
						{ brand: 'Northwind', senderName: 'Dana' },
						p,
					);
					touches.forEach((t, i) => {
						const lint = lintDraft(body, {
							step: t.step,
							subject: t.subject,
							body: t.bodyText,
							to: p.email,
							previousBodies: touches.slice(0, i).map((x) => x.bodyText),
						});
						if (lint.passed) passed++;
						for (const v of lint.violations) broken[v.rule] = (broken[v.rule] ?? 0) + 1;
					});
				}
				const memoryMs = performance.now() - started;
				started = performance.now();
				let stored = 0;
				for (let i = 0; i < people.length; i += batch) {
					const results = await generateDrafts(engine, campaignId, people.slice(i, i + batch));
					stored += results.reduce((sum, r) => sum + r.created, 0);
				}
				const fullMs = performance.now() - started;
				const name = store === 'embedded' ? 'PGlite' : 'PostgreSQL';
				const result = {
					store: name,
					prospects: count,
					drafts: stored,
					passing: `${passed} of ${count * 3}`,
					violations: broken,
					writerAndLintProspectsPerS: perSecond(count, memoryMs),
					generateProspectsPerS: perSecond(count, fullMs),
					generateDraftsPerS: perSecond(stored, fullMs),
					peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
				};
				console.log(JSON.stringify(result));
				rows.push(
					`| ${name} | ${count} | ${result.passing} | ${result.writerAndLintProspectsPerS} | ${result.generateProspectsPerS} (${result.generateDraftsPerS} drafts/s) | ${Math.round((result.generateProspectsPerS / result.writerAndLintProspectsPerS) * 100)} % |`,
				);
				await closeAllEngines();
			} finally {
				await database?.drop();
			}
		}
	} finally {
		dir.remove();
	}
	console.log(
		'\n| store | prospects (×3 touches) | drafts passing the lint | writer + lint in memory (prospects/s, baseline) | Generate with storage (prospects/s) | vs baseline |\n|---|---|---|---|---|---|',
	);
	for (const row of rows) console.log(row);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
