import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REGISTER = join(__dirname, 'register-ts.js');

/** Runs a TypeScript file in a separate Node process; resolves with its parsed last stdout line. */
export function runChild<T>(file: string, args: string[]): Promise<T> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['-r', REGISTER, file, ...args], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.stderr.on('data', (chunk) => (err += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const last = out.trim().split('\n').pop() ?? '';
			try {
				resolve(JSON.parse(last) as T);
			} catch {
				reject(new Error(`child ${file} exited ${code} without a result: ${err || out}`));
			}
		});
	});
}
