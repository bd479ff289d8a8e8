import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

import { tempDir } from '../../test/helpers/tempDir';
import { PROJECT_ROOT } from './projectRoot';
import { WORKER_ENV } from './queueEnv';

/** Set by e2e/run.sh: the pinned n8n, the Node 24 it needs, and this package packed as a tarball. */
function required(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: run the e2e tests through "npm run test:e2e"`);
	return value;
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface NodeRun {
	executionStatus?: string;
	data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }>> };
	error?: { message: string; description?: string };
}

export interface Execution {
	code: number;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: {
				message: string;
				description?: string;
				messages?: string[];
				node?: { name: string };
			};
		};
	};
	raw: RunResult;
}

/**
 * A real n8n (the pinned CLI on Node 24) with its own user folder, this package installed under
 * ~/.n8n/nodes the way n8n installs a community package, and SQLite as its own database.
 */
export class N8n {
	private readonly n8nBin = required('N8N_BIN');
	private readonly nodeBin = required('NODE24_BIN');

	/** Added to every n8n command's environment (n8n's database, queue mode, the engine's store). */
	extraEnv: NodeJS.ProcessEnv = {};

	private constructor(
		readonly userFolder: string,
		private readonly cleanup: () => void,
	) {}

	/** In `userFolder` (kept), or in a temporary folder that `remove()` deletes. */
	static async withPackage(userFolder?: string): Promise<N8n> {
		const temp = userFolder ? undefined : tempDir('n8n-e2e-');
		const n8n = new N8n(userFolder ?? temp!.path, () => temp?.remove());
		const installed = await n8n.run('bash', [
			join(PROJECT_ROOT, 'e2e', 'install-package.sh'),
			required('PACKAGE_TARBALL'),
			n8n.userFolder,
		]);
		if (installed.code !== 0) throw new Error(`package install failed: ${installed.stderr}`);
		return n8n;
	}

	get env(): NodeJS.ProcessEnv {
		// jest sets NODE_ENV=test, under which n8n's logger stays silent; n8n gets a user's environment.
		const inherited = { ...process.env };
		delete inherited.NODE_ENV;
		delete inherited.JEST_WORKER_ID;
		return {
			...inherited,
			PATH: `${this.nodeBin}${delimiter}${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.userFolder,
			// A throwaway key for a throwaway user folder.
			N8N_ENCRYPTION_KEY: 'sales-engine-e2e-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			// n8n 2 confines file nodes to one folder; the tests keep their files in the user folder.
			N8N_RESTRICT_FILE_ACCESS_TO: this.userFolder,
			// `execute --rawOutput` prints the execution through the logger at info level.
			N8N_LOG_LEVEL: 'info',
			// The parent's Node options (jest's VM modules flag) are not n8n's.
			NODE_OPTIONS: '',
			...this.extraEnv,
		};
	}

	async run(command: string, args: string[]): Promise<RunResult> {
		// Every n8n process runs a task broker; each gets its own port so a test never collides with
		// an n8n already running on the machine (5679 is n8n's default) or with another test's n8n.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		return await new Promise((resolve, reject) => {
			const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			child.on('error', reject);
			child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
		});
	}

	/**
	 * Rows of a query on n8n's own SQLite database, read with n8n's own sqlite3 module on n8n's Node
	 * (the live rows only: a deleted row's bytes can linger in the file's free pages).
	 */
	async sql(query: string): Promise<Array<Record<string, unknown>>> {
		const sqlite3 = join(dirname(realpathSync(this.n8nBin)), '..', '..', 'sqlite3');
		const database = join(this.userFolder, '.n8n', 'database.sqlite');
		const script = `const s = require(${JSON.stringify(sqlite3)});
			new s.Database(${JSON.stringify(database)}, s.OPEN_READONLY).all(process.argv[1], (e, rows) => {
				if (e) { console.error(e.message); process.exit(1); }
				process.stdout.write(JSON.stringify(rows));
			});`;
		const result = await this.run(join(this.nodeBin, 'node'), ['-e', script, query]);
		if (result.code !== 0) throw new Error(`sql failed: ${result.stderr}`);
		return JSON.parse(result.stdout) as Array<Record<string, unknown>>;
	}

	/** The raw bytes of n8n's database files: the database, its write-ahead log and shared memory. */
	databaseFiles(): Array<{ name: string; bytes: Buffer }> {
		const folder = join(this.userFolder, '.n8n');
		return readdirSync(folder)
			.filter((name) => name.startsWith('database.sqlite'))
			.map((name) => ({ name, bytes: readFileSync(join(folder, name)) }));
	}

	private async n8n(args: string[]): Promise<RunResult> {
		return this.run(this.n8nBin, args);
	}

	/** Imports workflow or credential JSON objects (each written to its own file) in one n8n call. */
	async import(kind: 'workflow' | 'credentials', documents: object[]): Promise<void> {
		const folder = join(this.userFolder, `import-${kind}-${Date.now()}`);
		mkdirSync(folder);
		documents.forEach((doc, i) => writeFileSync(join(folder, `${i}.json`), JSON.stringify(doc)));
		await this.importFolder(kind, folder);
	}

	/** `n8n import:<kind> --separate --input <folder>`, as the compose stack's import step runs it. */
	async importFolder(kind: 'workflow' | 'credentials', folder: string): Promise<void> {
		const result = await this.n8n([`import:${kind}`, '--separate', '--input', folder]);
		if (result.code !== 0)
			throw new Error(`n8n import:${kind} failed: ${result.stdout}${result.stderr}`);
	}

	/** `n8n execute --id`, with the execution's data parsed from the raw JSON output. */
	async execute(workflowId: string): Promise<Execution> {
		const raw = await this.n8n(['execute', '--id', workflowId, '--rawOutput']);
		const lines = raw.stdout.split('\n');
		const start = lines.findIndex((line) => line === '{');
		if (start < 0) {
			throw new Error(
				`n8n execute printed no execution (exit ${raw.code}): ${raw.stdout}${raw.stderr}`,
			);
		}
		// The pretty-printed JSON closes with a "}" at column 0; a failed run prints more text after it.
		const end = lines.indexOf('}', start);
		const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as {
			data: Execution['data'];
		};
		return { code: raw.code, data: parsed.data, raw };
	}

	/** `n8n publish:workflow`: the workflow's webhooks and triggers go live at the next start. */
	async publish(workflowId: string): Promise<void> {
		const result = await this.n8n(['publish:workflow', `--id=${workflowId}`]);
		if (result.code !== 0) throw new Error(`n8n publish failed: ${result.stdout}${result.stderr}`);
	}

	/** `n8n start` on a free loopback port, resolved once it answers /healthz; `stop` ends it. */
	async start(env: NodeJS.ProcessEnv = {}): Promise<Server> {
		const port = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		return await this.serve(['start'], { N8N_PORT: String(port), ...env }, baseUrl, async (log) => {
			const ok = await fetch(`${baseUrl}/healthz`).then(
				(r) => r.ok,
				() => false,
			);
			// Webhooks are registered after the server answers; the log says when activation is done.
			return ok && /Editor is now accessible|activated/i.test(log);
		});
	}

	/**
	 * `n8n worker` (queue mode), resolved once its health endpoint (on a free port) says it is
	 * ready; `baseUrl` is that health server's.
	 */
	async startWorker(concurrency: number, env: NodeJS.ProcessEnv = {}): Promise<Server> {
		const port = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		const health = { ...WORKER_ENV, QUEUE_HEALTH_CHECK_PORT: String(port) };
		return await this.serve(
			['worker', `--concurrency=${concurrency}`],
			{ ...health, ...env },
			baseUrl,
			async () =>
				await fetch(`${baseUrl}/healthz/readiness`).then(
					(r) => r.ok,
					() => false,
				),
		);
	}

	private async serve(
		args: string[],
		env: NodeJS.ProcessEnv,
		baseUrl: string,
		ready: (log: string) => Promise<boolean>,
	): Promise<Server> {
		const child = spawn(this.n8nBin, args, {
			env: {
				...this.env,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				...env,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let log = '';
		child.stdout.on('data', (chunk) => (log += chunk));
		child.stderr.on('data', (chunk) => (log += chunk));
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		const stop = async () => {
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
			await exited;
		};
		for (const started = Date.now(); Date.now() - started < 120_000;) {
			if (child.exitCode !== null) throw new Error(`n8n ${args[0]} exited: ${log}`);
			if (await ready(log)) return { baseUrl, pid: child.pid!, stop, log: () => log };
			await new Promise((r) => setTimeout(r, 500));
		}
		await stop();
		throw new Error(`n8n ${args[0]} did not come up in 120 s: ${log}`);
	}

	remove(): void {
		this.cleanup();
	}
}

/** A running `n8n start` or `n8n worker`. */
export interface Server {
	baseUrl: string;
	pid: number;
	stop: () => Promise<void>;
	log: () => string;
}

/** The JSON items a node put out in its first run. */
export function outputOf(
	execution: Execution,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	const run = execution.data.resultData.runData[nodeName]?.[0];
	if (!run) throw new Error(`node "${nodeName}" did not run`);
	return (run.data?.main[output] ?? []).map((item) => item.json);
}

/** The binary files (name → file name and MIME type) of each item a node put out in its first run. */
export function binaryOf(
	execution: Execution,
	nodeName: string,
): Array<Record<string, { fileName?: string; mimeType?: string; fileSize?: string }>> {
	const run = execution.data.resultData.runData[nodeName]?.[0];
	if (!run) throw new Error(`node "${nodeName}" did not run`);
	return (run.data?.main[0] ?? []).map(
		(item) =>
			(item as { binary?: Record<string, { fileName?: string; mimeType?: string }> }).binary ?? {},
	);
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}
