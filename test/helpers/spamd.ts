import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, waitForPort } from './dovecot';
import { tempDir } from './tempDir';

export interface Spamd {
	/** `127.0.0.1:port`, as the engine's spamd setting takes it. */
	address: string;
	stop(): void;
}

const REPO = join(__dirname, '..', '..');

/**
 * A throwaway SpamAssassin spamd (Debian's spamassassin) on loopback: Debian's rules, the site's
 * .pre files without sa-compile (compiled body rules do not report what they matched), the
 * package's PatternHits plugin and report line (docker/spamd), and -L: no network tests. Started
 * as the debian-spamd user when run as root, as the Debian service does. Takes ~7 s to compile
 * its rules.
 */
export async function startSpamd(): Promise<Spamd> {
	const dir = tempDir('spamd-');
	chmodSync(dir.path, 0o755);
	for (const pre of readdirSync('/etc/spamassassin').filter((f) => f.endsWith('.pre')))
		if (pre !== 'sa-compile.pre') copyFileSync(join('/etc/spamassassin', pre), join(dir.path, pre));
	copyFileSync(join(REPO, 'docker/spamd/PatternHits.pm'), join(dir.path, 'PatternHits.pm'));
	writeFileSync(
		join(dir.path, 'sales-engine.cf'),
		readFileSync(join(REPO, 'docker/spamd/sales-engine.cf'), 'utf8').replace(
			'/etc/spamassassin/PatternHits.pm',
			join(dir.path, 'PatternHits.pm'),
		),
	);
	const port = await freePort();
	const asRoot = process.getuid?.() === 0;
	const child = spawn(
		'spamd',
		[
			'--listen',
			`127.0.0.1:${port}`,
			'--siteconfigpath',
			dir.path,
			'-L',
			'--max-children',
			'2',
			'--pidfile',
			join(dir.path, 'spamd.pid'),
			...(asRoot ? ['-u', 'debian-spamd'] : []),
			'-s',
			'stderr',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let log = '';
	child.stderr.on('data', (chunk: Buffer) => {
		log = (log + chunk.toString()).slice(-4000);
	});
	try {
		await waitForPort(port, 60_000, 'spamd');
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`${(error as Error).message}\n${log}`);
	}
	return {
		address: `127.0.0.1:${port}`,
		stop: () => {
			child.kill('SIGTERM');
			setTimeout(() => dir.remove(), 500).unref();
		},
	};
}
