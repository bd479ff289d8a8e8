// Child process for the concurrency tests: opens the store given as JSON in argv[2], migrates, and
// prints the report as one JSON line (or the error code and message).
import { migrate } from '../../../nodes/engine/store/migrate';
import { openDb } from '../../../nodes/engine/store/openDb';
import type { DatabaseConfig } from '../../../nodes/engine/config/StoreConfig';

async function main(): Promise<void> {
	const config = JSON.parse(process.argv[2]) as DatabaseConfig;
	// Start together: every child waits for the same wall-clock moment.
	const startAt = Number(process.argv[3] ?? 0);
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
	try {
		const db = await openDb(config);
		const report = await migrate(db);
		if (process.argv[4] === 'hold') await new Promise((resolve) => setTimeout(resolve, 4000));
		await db.close();
		process.stdout.write(JSON.stringify({ ok: true, applied: report.applied }) + '\n');
	} catch (error) {
		const { code, message } = error as { code?: string; message: string };
		process.stdout.write(JSON.stringify({ ok: false, code, message }) + '\n');
	}
}

void main();
