import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { Received } from './smtpSink';

// From the sources (tests) the child is loaded through the TypeScript hook; built (benchmarks), as is.
const BUILT = __filename.endsWith('.js');
const CHILD = join(
	__dirname,
	'..',
	'integration',
	'children',
	BUILT ? 'smtpSink.js' : 'smtpSink.ts',
);
const ARGS = BUILT ? [CHILD] : ['-r', join(__dirname, 'register-ts.js'), CHILD];

/**
 * The SMTP sink of smtpSink.ts run in its own process (for tests that measure receive times):
 * the same interface, with `received` filled as the child reports each message.
 */
export async function startSmtpSinkProcess(): Promise<{
	port: number;
	received: Received[];
	stop: () => Promise<void>;
}> {
	const child = spawn(process.execPath, ARGS, {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const received: Received[] = [];
	let buffer = '';
	const port = await new Promise<number>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`the SMTP sink process exited (${code})`)));
		child.stdout.on('data', (chunk: Buffer) => {
			buffer += chunk.toString();
			for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
				const line = JSON.parse(buffer.slice(0, nl)) as Received | { port: number };
				buffer = buffer.slice(nl + 1);
				if ('port' in line) resolve(line.port);
				else received.push(line);
			}
		});
	});
	return {
		port,
		received,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}
