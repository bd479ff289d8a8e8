// npm run bench:send — messages/s through the whole send path (claim, checks, limits off, provider,
// record) on the machine's PostgreSQL, to the loopback SMTP sink, to the SendGrid fake, and to the
// SendGrid fake answering after 100 ms as a real API does, with one worker and with 4 worker
// processes; beside them the baseline: a naive loop that only builds each message and calls the
// provider, one at a time. BENCH_SENDS messages per scenario (default 1000); BENCH_CONCURRENCY
// messages in flight per worker (default: the engine's); BENCH_SMTP_CONNECTIONS the SMTP pool (2);
// BENCH_ONLY a scenario ("SendGrid fake, 100 ms", "rate"); BENCH_SINK=inprocess the SMTP sink in
// the bench's own process; BENCH_UNSETTLED=1 sends right after the drafts' bulk write;
// BENCH_PROCESSES the several-workers run's processes (4); BENCH_WARM_UP the messages every worker
// (the one and each process) sends before it is measured (2000; 0: cold); BENCH_CPU=1 prints the
// CPU each kind of process (PostgreSQL, worker, sink) spent per message (Linux). Last, the
// precision of a shared limit: 2 worker processes at BENCH_RATE/s (20) to the sink, its busiest
// second and mean rate.
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import {
	approveDrafts,
	buildMessage,
	closeAllEngines,
	dispatch,
	type Engine,
	generateDrafts,
	openEngine,
	type ProspectInput,
	type SendProvider,
	sendgridProvider,
	type SendSummary,
	smtpProvider,
} from '../nodes/engine';
import { HEADROOM } from '../nodes/engine/send/rateLimiter';
import { SEND_DEFAULTS } from '../nodes/engine/send/sendDefaults';
import { perMessage, sampleCpu } from './cpuByProcess';
import { campaignWithBlueprint } from '../test/fixtures/blueprintCorpus';
import { createTestDatabase } from '../test/helpers/postgres';
import { runChild } from '../test/helpers/runChild';
import { startSendGridServer } from '../test/helpers/sendgridServer';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { startSmtpSinkProcess } from '../test/helpers/smtpSinkProcess';
import { rateOf } from '../test/helpers/rateOf';
import { tempDir } from '../test/helpers/tempDir';

const WORKER = join(__dirname, '..', 'test', 'integration', 'children', 'sendWorker.js');
const COMPLIANCE = {
	unsubscribeUrl: 'https://hooks.northwind.example.com/unsubscribe',
	secret: 'Xq3vN8mR2kT7wB4yH9pL6sD1fG5jC0zA8eU2iO7nK4M',
	postalAddress: '1 Main St, Springfield',
};

/** When a worker process's run began and ended (ms since the epoch). */
interface Window {
	startedAt: number;
	endedAt: number;
	/** CPU the process spent between the two, and of it in the kernel. */
	cpuMs: number;
	systemMs: number;
}

async function approved(engine: Engine, n: number, tag: string): Promise<string> {
	const campaignId = await campaignWithBlueprint(engine);
	const people: ProspectInput[] = Array.from({ length: n }, (_, i) => ({
		email: `p${i}.${tag}@company${i % 97}.example.net`,
		firstName: 'Ana',
		company: `Company${i % 97}`,
		signals: {},
	}));
	for (let i = 0; i < n; i += 1000)
		await generateDrafts(engine, campaignId, people.slice(i, i + 1000));
	await approveDrafts(engine, campaignId, { allPassing: true }, 'bench');
	await settle(engine);
	return campaignId;
}

/**
 * Drafts are approved long before they are sent; here the send follows the bulk write at once, on
 * a server without autovacuum (this machine's): its write-back, dead rows and stale statistics
 * would be measured instead of the send path (BENCH_UNSETTLED=1 measures them too).
 */
async function settle(engine: Engine): Promise<void> {
	if (process.env.BENCH_UNSETTLED) return;
	await engine.db.exec('checkpoint');
	await engine.db.exec('vacuum analyze');
}

async function naive(provider: SendProvider, n: number): Promise<number> {
	await provider.warmUp?.();
	const started = performance.now();
	for (let i = 0; i < n; i++) {
		const message = buildMessage(
			{
				campaignId: 'c',
				prospectId: `p${i}`,
				step: 1,
				to: `p${i}@company${i % 97}.example.net`,
				subject: 'Ramp time at Acme',
				bodyText: 'Hi Ana,\n\nA short note.\n\nDana',
				bodyHtml: '<p>Hi Ana,</p><p>A short note.</p><p>Dana</p>',
				thread: [],
			},
			{ address: 'dana@northwind.example.com' },
			COMPLIANCE,
		);
		await provider.send(message);
	}
	const ms = performance.now() - started;
	await provider.close();
	return Math.round((n / ms) * 1000);
}

/**
 * Messages each worker sends before it is measured (BENCH_WARM_UP): a fresh process spends ~0.9 s
 * of CPU more on its first messages than on later ones (V8 compiling the path; four processes
 * warmed by 500 still spent 1.4-1.6 ms a message, by 2,000 as little as one), which a worker that
 * lives as long as n8n pays once. 0 measures cold processes.
 */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 2000);

/** Worker processes of the several-workers run (BENCH_PROCESSES). */
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 4);

/** Resolves once every worker process has left its file in the barrier folder. */
async function met(folder: string): Promise<void> {
	while (readdirSync(folder).length < PROCESSES) await new Promise((r) => setTimeout(r, 5));
}

const SCENARIOS = [
	{ target: 'SMTP sink', latencyMs: 0 },
	{ target: 'SendGrid fake', latencyMs: 0 },
	{ target: 'SendGrid fake', latencyMs: 100 },
] as const;

async function main(): Promise<void> {
	const n = Number(process.env.BENCH_SENDS ?? 1000);
	const smtpConnections = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 2);
	const concurrency = process.env.BENCH_CONCURRENCY
		? Number(process.env.BENCH_CONCURRENCY)
		: undefined;
	console.log(
		`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, in flight per worker: ${concurrency ?? 'default'}, SMTP connections: ${smtpConnections}, SMTP sink: ${process.env.BENCH_SINK === 'inprocess' ? 'in the bench process' : 'own process'}`,
	);
	const database = await createTestDatabase();
	const dir = tempDir('bench-send-');
	// The sink runs in a process of its own, as a real server does: in the worker's own process its
	// parsing took the event loop from the worker it measures (BENCH_SINK=inprocess: the old way).
	const sink =
		process.env.BENCH_SINK === 'inprocess' ? await startSmtpSink() : await startSmtpSinkProcess();
	const engine = await openEngine({
		database: database.config,
		objects: { kind: 'local', folder: dir.path },
	});
	const rows: string[] = [];
	try {
		const only = process.env.BENCH_ONLY;
		for (const { target, latencyMs } of SCENARIOS) {
			if (only && !`${target}, ${latencyMs} ms`.includes(only)) continue;
			const api = await startSendGridServer('SG.bench', {}, latencyMs);
			const label = `${target}${latencyMs ? `, ${latencyMs} ms` : ''}`;
			const provider = () =>
				target === 'SMTP sink'
					? smtpProvider({ host: '127.0.0.1', port: sink.port, maxConnections: smtpConnections })
					: sendgridProvider({ apiKey: 'SG.bench', baseUrl: api.baseUrl });
			// One at a time: at 100 ms a message, 50 of them measure the loop well enough.
			const ceiling = await naive(provider(), latencyMs ? Math.min(n, 50) : n);
			const tag = label.replace(/\W/g, '');
			const one = await approved(engine, n, `${tag}-1`);
			const p = provider();
			const send = (campaignId: string) =>
				dispatch(engine, {
					campaignId,
					provider: p,
					mailboxes: [{ address: 'dana@northwind.example.com' }],
					compliance: COMPLIANCE,
					concurrency,
				});
			if (WARM_UP) await send(await approved(engine, WARM_UP, `${tag}-w1`));
			const cpuOne = process.env.BENCH_CPU ? sampleCpu(250) : undefined;
			const started = performance.now();
			const single: SendSummary = await send(one);
			await p.close();
			const singleRate = Math.round((single.sent / (performance.now() - started)) * 1000);
			if (cpuOne)
				console.log(`CPU ms per message, 1 worker: ${perMessage(cpuOne.stop(), single.sent)}`);
			const four = await approved(engine, n, `${tag}-4`);
			const barrier = tempDir('bench-send-barrier-');
			const configs: string[] = [];
			for (let i = 0; i < PROCESSES; i++)
				configs.push(
					JSON.stringify({
						pgUrl: database.url,
						objects: dir.path,
						campaignId: four,
						...(target === 'SMTP sink'
							? { smtpPort: sink.port, smtpConnections }
							: { sendgridUrl: api.baseUrl }),
						...(WARM_UP
							? { warmUpCampaignId: await approved(engine, WARM_UP, `${tag}-w4${i}`) }
							: {}),
						barrier: { folder: barrier.path, processes: PROCESSES },
						// The claim size the one worker uses (the engine's default): both pay as many claims.
						batchSize: SEND_DEFAULTS.batchSize,
						concurrency,
					}),
				);
			const running = Promise.all(
				configs.map((config) => runChild<SendSummary & Window>(WORKER, [config])),
			);
			const cpuFour = process.env.BENCH_CPU
				? met(barrier.path).then(() => sampleCpu(100))
				: undefined;
			const results = await running;
			barrier.remove();
			const shares = results.map((r) => r.sent);
			const sent = shares.reduce((sum, x) => sum + x, 0);
			if (cpuFour) {
				// The workers' own time from their reports: the sampler would count their start-up too.
				const cpu = { ...(await cpuFour).stop(), worker: results.reduce((t, r) => t + r.cpuMs, 0) };
				console.log(
					`CPU ms per message, ${PROCESSES} processes: ${perMessage(cpu, sent)} (worker in the kernel ${(results.reduce((t, r) => t + r.systemMs, 0) / sent).toFixed(2)})`,
				);
			}
			// From the first worker's first claim to the last one's end, as the one worker is timed:
			// four processes loading the engine at once on two cores are not the send path.
			const window =
				Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt));
			const fourRate = Math.round((sent / window) * 1000);
			await api.stop();
			const result = {
				target: label,
				messages: n,
				naiveLoop: ceiling,
				oneWorker: singleRate,
				fourWorkers: fourRate,
				sentByEach: shares,
			};
			console.log(JSON.stringify(result));
			rows.push(
				`| ${label} | ${n} | ${ceiling} | ${singleRate} (${Math.round((singleRate / ceiling) * 100)} %) | ${fourRate} (${Math.round((fourRate / ceiling) * 100)} %) | ${shares.join(' / ')} |`,
			);
		}
		if (!only || 'rate'.includes(only)) {
			const perSecond = Number(process.env.BENCH_RATE ?? 20);
			const campaignId = await approved(engine, perSecond * 12, 'rate');
			const config = JSON.stringify({
				pgUrl: database.url,
				objects: dir.path,
				campaignId,
				smtpPort: sink.port,
				startAt: Date.now() + 1000,
				limits: { globalPerSecond: perSecond },
			});
			const before = sink.received.length;
			await Promise.all([0, 1].map(() => runChild<SendSummary>(WORKER, [config])));
			const times = sink.received
				.slice(before)
				.map((m) => m.at)
				.sort((a, b) => a - b);
			const { busiest, mean } = rateOf(times);
			const expected = perSecond / HEADROOM;
			console.log(
				`\nrate limit ${perSecond}/s, 2 worker processes, ${times.length} messages at the sink: busiest second ${busiest}, mean ${mean}/s (${Math.round(((mean - expected) / expected) * 1000) / 10} % from ${Math.round(expected * 100) / 100}, the limit less its headroom)`,
			);
		}
	} finally {
		await closeAllEngines();
		await sink.stop();
		await database.drop();
		dir.remove();
	}
	console.log(
		`\n| provider | messages | naive loop, one at a time (msg/s) | whole path, 1 worker (msg/s) | whole path, ${PROCESSES} processes (msg/s) | sent by each process |\n|---|---|---|---|---|---|`,
	);
	for (const row of rows) console.log(row);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
