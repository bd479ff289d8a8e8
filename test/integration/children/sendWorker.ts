// Child process for the send concurrency tests and bench:send: runs the sender once for a campaign
// against the SMTP sink or the SendGrid fake (config as JSON in argv[2]), prints its summary as JSON.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	dispatch,
	type Mailbox,
	openEngine,
	sendgridProvider,
	type SendLimits,
	smtpProvider,
} from '../../../nodes/engine';

interface WorkerConfig {
	pgUrl: string;
	objects: string;
	campaignId: string;
	smtpPort?: number;
	/** Send through this SendGrid-compatible base URL instead of SMTP. */
	sendgridUrl?: string;
	limits?: SendLimits;
	batchSize?: number;
	leaseSeconds?: number;
	concurrency?: number;
	mailboxes?: Mailbox[];
	startAt?: number;
	/** SMTP connections in the pool (maxConnections), default 2. */
	smtpConnections?: number;
	/**
	 * A campaign this process sends first, before `startAt` and outside its report: a worker in n8n
	 * lives as long as n8n, so a benchmark of its steady state leaves out V8 compiling the path.
	 */
	warmUpCampaignId?: string;
	/** A folder where each of `processes` warmed-up workers leaves a file; all start together. */
	barrier?: { folder: string; processes: number };
}

/** Waits until every worker has warmed up, so none sends while another still compiles. */
async function meet(barrier: { folder: string; processes: number }): Promise<void> {
	writeFileSync(join(barrier.folder, String(process.pid)), '');
	while (readdirSync(barrier.folder).length < barrier.processes)
		await new Promise((resolve) => setTimeout(resolve, 5));
}

async function main(): Promise<void> {
	const c = JSON.parse(process.argv[2]) as WorkerConfig;
	const engine = await openEngine({
		database: { kind: 'postgres', connectionString: c.pgUrl, ssl: 'disable' },
		objects: { kind: 'local', folder: c.objects },
	});
	const provider = c.sendgridUrl
		? sendgridProvider({ apiKey: 'SG.bench', baseUrl: c.sendgridUrl })
		: smtpProvider({
				host: '127.0.0.1',
				port: c.smtpPort as number,
				maxConnections: c.smtpConnections ?? 2,
			});
	const send = (campaignId: string) =>
		dispatch(engine, {
			campaignId,
			provider,
			mailboxes: c.mailboxes ?? [{ address: 'dana@northwind.example.com' }],
			limits: c.limits,
			batchSize: c.batchSize ?? 20,
			leaseSeconds: c.leaseSeconds ?? 300,
			concurrency: c.concurrency,
			compliance: {
				unsubscribeUrl: 'https://hooks.northwind.example.com/unsubscribe',
				secret: 'Xq3vN8mR2kT7wB4yH9pL6sD1fG5jC0zA8eU2iO7nK4M',
				postalAddress: '1 Main St, Springfield',
			},
			workerId: `pid-${process.pid}`,
		});
	if (c.warmUpCampaignId) await send(c.warmUpCampaignId);
	if (c.barrier) await meet(c.barrier);
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, (c.startAt ?? 0) - Date.now())));
	const startedAt = Date.now();
	const cpuAtStart = process.cpuUsage();
	const summary = await send(c.campaignId);
	// When the sending began and ended, so a rate leaves out the process's start and exit.
	const endedAt = Date.now();
	const { user, system } = process.cpuUsage(cpuAtStart);
	const cpuMs = (user + system) / 1000;
	await provider.close();
	await engine.close();
	process.stdout.write(
		`${JSON.stringify({ ...summary, startedAt, endedAt, cpuMs, systemMs: system / 1000 })}\n`,
	);
}

main().catch((error) => {
	process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
	process.exit(1);
});
