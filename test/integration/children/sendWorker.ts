// Child process for the send concurrency tests: runs the sender once for a campaign against the
// SMTP sink (config as JSON in argv[2]) and prints its summary as one JSON line.
import { dispatch, openEngine, smtpProvider, type SendLimits } from '../../../nodes/engine';

interface WorkerConfig {
	pgUrl: string;
	objects: string;
	campaignId: string;
	smtpPort: number;
	limits?: SendLimits;
	batchSize?: number;
	leaseSeconds?: number;
	startAt?: number;
}

async function main(): Promise<void> {
	const c = JSON.parse(process.argv[2]) as WorkerConfig;
	const engine = await openEngine({
		database: { kind: 'postgres', connectionString: c.pgUrl, ssl: 'disable' },
		objects: { kind: 'local', folder: c.objects },
	});
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, (c.startAt ?? 0) - Date.now())));
	const provider = smtpProvider({ host: '127.0.0.1', port: c.smtpPort, maxConnections: 2 });
	const summary = await dispatch(engine, {
		campaignId: c.campaignId,
		provider,
		mailboxes: [{ address: 'dana@northwind.example.com' }],
		limits: c.limits,
		batchSize: c.batchSize ?? 20,
		leaseSeconds: c.leaseSeconds ?? 300,
		compliance: {
			unsubscribeUrl: 'https://hooks.northwind.example.com/unsubscribe',
			secret: 'a-long-unsubscribe-secret-for-tests',
			postalAddress: '1 Main St, Springfield',
		},
		workerId: `pid-${process.pid}`,
	});
	await provider.close();
	await engine.close();
	process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error) => {
	process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
	process.exit(1);
});
