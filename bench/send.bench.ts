// npm run bench:send — messages/s through the whole send path (claim, checks, limits off, provider,
// record) on the machine's PostgreSQL, to the loopback SMTP sink and to the SendGrid fake, with one
// worker and with 4 worker processes; beside them the ceiling: a naive loop that only builds each
// message and calls the provider. BENCH_SENDS messages per scenario (default 1000).
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
import { campaignWithBlueprint } from '../test/fixtures/blueprintCorpus';
import { createTestDatabase } from '../test/helpers/postgres';
import { runChild } from '../test/helpers/runChild';
import { startSendGridServer } from '../test/helpers/sendgridServer';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { tempDir } from '../test/helpers/tempDir';

const WORKER = join(__dirname, '..', 'test', 'integration', 'children', 'sendWorker.js');
const COMPLIANCE = {
	unsubscribeUrl: 'https://hooks.northwind.example.com/unsubscribe',
	secret: 'a-long-unsubscribe-secret-for-tests',
	postalAddress: '1 Main St, Springfield',
};

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
	return campaignId;
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

async function main(): Promise<void> {
	const n = Number(process.env.BENCH_SENDS ?? 1000);
	console.log(
		`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
	);
	const database = await createTestDatabase();
	const dir = tempDir('bench-send-');
	const sink = await startSmtpSink();
	const api = await startSendGridServer('SG.bench');
	const engine = await openEngine({
		database: database.config,
		objects: { kind: 'local', folder: dir.path },
	});
	const rows: string[] = [];
	try {
		for (const target of ['SMTP sink', 'SendGrid fake'] as const) {
			const provider = () =>
				target === 'SMTP sink'
					? smtpProvider({ host: '127.0.0.1', port: sink.port, maxConnections: 2 })
					: sendgridProvider({ apiKey: 'SG.bench', baseUrl: api.baseUrl });
			const ceiling = await naive(provider(), n);
			const one = await approved(engine, n, `${target}-1`.replace(/\W/g, ''));
			let started = performance.now();
			const p = provider();
			const single: SendSummary = await dispatch(engine, {
				campaignId: one,
				provider: p,
				mailboxes: [{ address: 'dana@northwind.example.com' }],
				compliance: COMPLIANCE,
			});
			await p.close();
			const singleRate = Math.round((single.sent / (performance.now() - started)) * 1000);
			const four = await approved(engine, n, `${target}-4`.replace(/\W/g, ''));
			const config = JSON.stringify({
				pgUrl: database.url,
				objects: dir.path,
				campaignId: four,
				...(target === 'SMTP sink' ? { smtpPort: sink.port } : { sendgridUrl: api.baseUrl }),
				startAt: Date.now() + 1000,
				batchSize: 25,
			});
			started = performance.now() + 1000;
			const results = await Promise.all(
				[0, 1, 2, 3].map(() => runChild<SendSummary>(WORKER, [config])),
			);
			const sent = results.reduce((sum, r) => sum + r.sent, 0);
			const fourRate = Math.round((sent / (performance.now() - started)) * 1000);
			const result = {
				target,
				messages: n,
				naiveCeiling: ceiling,
				oneWorker: singleRate,
				fourWorkers: fourRate,
				sentByFour: sent,
			};
			console.log(JSON.stringify(result));
			rows.push(
				`| ${target} | ${n} | ${ceiling} | ${singleRate} (${Math.round((singleRate / ceiling) * 100)} %) | ${fourRate} (${Math.round((fourRate / ceiling) * 100)} %) |`,
			);
		}
	} finally {
		await closeAllEngines();
		await sink.stop();
		await api.stop();
		await database.drop();
		dir.remove();
	}
	console.log(
		'\n| provider | messages | naive loop, ceiling (msg/s) | whole path, 1 worker (msg/s) | whole path, 4 processes (msg/s) |\n|---|---|---|---|---|',
	);
	for (const row of rows) console.log(row);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
