import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REGISTER = join(__dirname, 'register-ts.js');

/**
 * Runs a file in a separate Node process (a .ts file through the on-the-fly transpiler, a compiled
 * .js as is); resolves with its parsed last stdout line.
 */
export function runChild<T>(file: string, args: string[]): Promise<T> {
	return new Promise((resolve, reject) => {
		const preload = file.endsWith('.ts') ? ['-r', REGISTER] : [];
		const child = spawn(process.execPath, [...preload, file, ...args], {
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
