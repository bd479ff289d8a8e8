import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { EngineError } from '../errors';

const LOCK_FILE = 'sales-engine.lock';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite is a single-process database: two processes on one folder would corrupt it. This lock file
 * (holding the owner's pid) makes the second one fail with a clear message; a lock left by a process
 * that died is taken over.
 */
export function acquireFolderLock(folder: string): () => void {
	mkdirSync(folder, { recursive: true });
	const path = join(folder, LOCK_FILE);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			const release = () => rmSync(path, { force: true });
			process.once('exit', release);
			return () => {
				process.removeListener('exit', release);
				release();
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(readFileSync(path, 'utf8').trim());
			if (owner && owner !== process.pid && isAlive(owner)) {
				throw new EngineError(
					'STORE_LOCKED',
					`The embedded store in ${folder} is in use by another process (pid ${owner})`,
					'The embedded store serves one n8n process. For n8n queue mode or several instances, ' +
						'give every node a "Sales Engine Store" credential that points at PostgreSQL.',
				);
			}
			rmSync(path, { force: true });
		}
	}
	throw new EngineError('STORE_LOCKED', `Could not lock the embedded store in ${folder}`);
}
