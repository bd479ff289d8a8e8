// npm run bench:campaign — the shipped campaign workflow (sales-campaign.json, deterministic path)
// in a real n8n, submitted through its form as a user does: BENCH_BRAND brand emails and
// BENCH_COMPETITOR competitor emails (one mbox each, the competitors' split by sender), and a
// BENCH_PROSPECTS-row prospects CSV, up to the waiting approval page. Prints each stage's time
// (from n8n's own execution record) and n8n's peak RSS, per store: BENCH_STORE=postgres,embedded.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

import { N8n, type Server } from '../e2e/helpers/n8n';
import { importStackCredentials, readWorkflow, untilRegistered } from '../e2e/helpers/shipped';
import { createTestDatabase } from '../test/helpers/postgres';
import { tempDir } from '../test/helpers/tempDir';
import { childPeakRssMb } from './childPeakRss';
import { generateMbox } from './generateMbox';

const BRAND = Number(process.env.BENCH_BRAND ?? 10_000);
const COMPETITOR = Number(process.env.BENCH_COMPETITOR ?? 10_000);
const PROSPECTS = Number(process.env.BENCH_PROSPECTS ?? 1000);
const STORES = (process.env.BENCH_STORE ?? 'postgres,embedded').split(',');
const BRAND_DOMAIN = 'northwind-analytics.example.com';

/** The stages of the workflow, by the nodes that do the work (the rest take milliseconds). */
const STAGES: Array<[string, string[]]> = [
	['create campaign', ['Create campaign']],
	['ingest brand mail', ['Ingest brand files']],
	['ingest competitor mail', ['Ingest competitor files']],
	['features + embeddings', ['Extract features']],
	['Blueprint + report', ['Synthesize Blueprint']],
	['drafts', ['Draft from CSV']],
	['review (approval page)', ['Review drafts']],
];

interface NodeRun {
	startTime: number;
	executionTime: number;
	data?: { main: Array<Array<{ json: Record<string, unknown> }>> };
}

async function files(dir: string): Promise<Record<string, string>> {
	const brand = join(dir, 'brand.mbox');
	const competitor = join(dir, 'competitors.mbox');
	// The synthetic sequences come from vendor0..2.example.com: the brand's are re-addressed from
	// its own domain; the competitors' keep theirs, one competitor per domain.
	await generateMbox(brand, BRAND, 0, (m) => m.replace(/vendor\d\.example\.com/g, BRAND_DOMAIN));
	await generateMbox(competitor, COMPETITOR);
	const prospects = join(dir, 'prospects.csv');
	const rows = Array.from(
		{ length: PROSPECTS },
		(_, i) => `p${i}@company${i}.example.net,Person${i},Company ${i},VP Finance`,
	);
	writeFileSync(prospects, ['Email,First Name,Company,Title', ...rows].join('\n'));
	return { brand, competitor, prospects };
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

async function submitForm(server: Server, paths: Record<string, string>): Promise<void> {
	const form = new FormData();
	const text = [
		'Northwind Analytics',
		BRAND_DOMAIN,
		'Vendor Zero | vendor0.example.com\nVendor One | vendor1.example.com\nVendor Two | vendor2.example.com',
		'Revenue analytics for mid-market SaaS finance teams: month-end close in 4 days instead of 9.',
		'Dana Reyes',
		`dana@${BRAND_DOMAIN}`,
		'Northwind Analytics, 500 Market St, San Francisco, CA 94105, USA',
	];
	text.forEach((value, i) => form.append(`field-${i}`, value));
	const file = (path: string, type: string) => new Blob([readFileSync(path)], { type });
	form.append('field-7', file(paths.brand, 'application/mbox'), 'brand.mbox');
	form.append('field-8', file(paths.competitor, 'application/mbox'), 'competitors.mbox');
	form.append('field-9', file(paths.prospects, 'text/csv'), 'prospects.csv');
	const url = `${server.baseUrl}/form/sales-engine-campaign`;
	await untilRegistered(url);
	const response = await fetch(url, {
		method: 'POST',
		body: form,
	});
	if (!response.ok) throw new Error(`form: HTTP ${response.status}: ${await response.text()}`);
}

/**
 * Submits the form, samples n8n's RSS (4 a second) until the run waits for approval, reads its
 * record.
 */
async function run(store: string, paths: Record<string, string>): Promise<void> {
	const database = store === 'postgres' ? await createTestDatabase() : undefined;
	const n8n = await N8n.withPackage();
	try {
		await importStackCredentials(n8n, 'bench-webhook-key-0123456789');
		await n8n.import('workflow', [readWorkflow('sales-campaign.json')]);
		await n8n.publish('SEcampaign000001');
		const server = await n8n.start(database ? { SALES_ENGINE_DATABASE_URL: database.url } : {});
		try {
			const idle = rssMb(server.pid, 'VmRSS');
			const started = Date.now();
			await submitForm(server, paths);
			const samples: Array<[number, number]> = [];
			let execution: { id: number; status: string } | undefined;
			for (;;) {
				samples.push([Date.now(), rssMb(server.pid, 'VmRSS')]);
				[execution] = (await n8n.sql(
					'select id, status from execution_entity where "workflowId" = \'SEcampaign000001\'',
				)) as Array<{ id: number; status: string }>;
				if (execution && !['new', 'running'].includes(execution.status)) break;
				await new Promise((r) => setTimeout(r, 250));
			}
			const seconds = (Date.now() - started) / 1000;
			const peak = rssMb(server.pid, 'VmHWM');
			// The embedded store's process is a child of n8n's; task runners are too, and are small.
			const storePeak = store === 'embedded' ? childPeakRssMb(server.pid) : 0;
			const [{ data }] = (await n8n.sql(
				`select data from execution_data where "executionId" = ${execution.id}`,
			)) as Array<{ data: string }>;
			report(store, seconds, { idle, peak, storePeak, samples }, execution.status, data);
		} finally {
			await server.stop();
		}
	} finally {
		n8n.remove();
		await database?.drop();
	}
}

function report(
	store: string,
	seconds: number,
	rss: { idle: number; peak: number; storePeak: number; samples: Array<[number, number]> },
	status: string,
	data: string,
): void {
	// n8n stores execution data in `flatted` form; its own copy reads it.
	const flatted = join(dirname(realpathSync(process.env.N8N_BIN!)), '..', '..', 'flatted');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const parsed = require(flatted).parse(data) as {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message: string };
		};
	};
	const { runData, error } = parsed.resultData;
	console.log(`\n## ${store} store: ${status} after ${seconds.toFixed(1)} s`);
	if (error) console.log(`error: ${error.message}`);
	const first = Math.min(...Object.values(runData).map((runs) => runs[0].startTime));
	for (const [stage, nodes] of STAGES) {
		const runs = nodes.flatMap((n) => runData[n] ?? []);
		const ms = runs.reduce((sum, r) => sum + r.executionTime, 0);
		const at = runs.length ? (runs[0].startTime - first) / 1000 : NaN;
		const during = rss.samples.filter(
			([t]) => runs.length && t >= runs[0].startTime && t <= runs[0].startTime + ms,
		);
		const stagePeak = during.length
			? `RSS ≤ ${Math.max(...during.map(([, mb]) => mb)).toFixed(0)} MB`
			: 'no RSS sample';
		const items = runs[0]?.data?.main[0] ?? [];
		const out = items[0]?.json ?? {};
		const counts = Object.entries(out)
			.filter(([, v]) => typeof v === 'number')
			.map(([k, v]) => `${k} ${v}`)
			.slice(0, 4)
			.join(', ');
		console.log(
			`${stage.padEnd(26)} ${(ms / 1000).toFixed(1).padStart(7)} s   (at ${at.toFixed(1)} s, ${stagePeak}) ${items.length} item(s); first: ${counts}`,
		);
	}
	const work = Object.values(runData)
		.flat()
		.reduce((sum, r) => sum + r.executionTime, 0);
	console.log(`${'all nodes'.padEnd(26)} ${(work / 1000).toFixed(1).padStart(7)} s`);
	console.log(
		`${'form POST → approval page'.padEnd(26)} ${seconds.toFixed(1).padStart(7)} s   (goal < 120 s)`,
	);
	console.log(
		`n8n main process RSS: ${rss.idle.toFixed(0)} MB idle before the form, peak ${rss.peak.toFixed(0)} MB (VmHWM)` +
			(rss.storePeak ? `; the store's process peak ${rss.storePeak} MB` : ''),
	);
}

async function main(): Promise<void> {
	console.log(
		`bench:campaign — ${BRAND} brand + ${COMPETITOR} competitor emails, ${PROSPECTS} prospects; ` +
			`${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
			`Node ${process.version}`,
	);
	const dir = tempDir('bench-campaign-');
	try {
		const paths = await files(dir.path);
		for (const store of STORES) await run(store, paths);
	} finally {
		dir.remove();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
