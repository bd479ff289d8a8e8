import { execFileSync } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	mkdirSync,
	readFileSync,
	symlinkSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { tempDir } from './tempDir';

/**
 * A throwaway Dovecot IMAP server on loopback (Debian's dovecot-imapd), configured in a temp folder
 * as Debian's Dovecot behaves here: it refuses to run its login process as root, hence the dovenull and
 * dovecot users, a static userdb and a passwd-file with plain passwords.
 */
export interface Dovecot {
	host: string;
	port: number;
	user: string;
	password: string;
	/** Puts a message into a folder (Maildir++: INBOX or e.g. "Sent") with its internal date. */
	deliver(folder: string, raw: Buffer, date: Date): void;
	/**
	 * Delivers a message as a mail server does: through dovecot-lda, so the Sieve script (the
	 * `sieve` option) decides its folder.
	 */
	deliverLda(raw: Buffer, from: string): void;
	stop(): void;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

export async function waitForPort(
	port: number,
	timeoutMs: number,
	what = 'Dovecot',
): Promise<void> {
	const { connect } = await import('node:net');
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => (socket.destroy(), resolve(true)));
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
}

/** A Junk folder marked \Junk (RFC 6154), there from the start as on a real server. */
const JUNK_FOLDER = `namespace inbox {
  inbox = yes
  mailbox Junk {
    special_use = \\Junk
    auto = create
  }
}`;

/**
 * `sieve`: a Sieve script (dovecot-sieve) run on every message delivered with `deliverLda`, e.g.
 * one that files a sending domain's mail into Junk; with it, the Junk folder exists from the start,
 * marked \Junk (RFC 6154) as a real server marks it.
 */
export async function startDovecot(options: { sieve?: string } = {}): Promise<Dovecot> {
	const dir = tempDir('dovecot-');
	chmodSync(dir.path, 0o755);
	const port = await freePort();
	const user = 'sales';
	const password = 'imap-test-password';
	const uid = Number(execFileSync('id', ['-u', 'dovecot']).toString());
	const gid = Number(execFileSync('id', ['-g', 'dovecot']).toString());
	const mail = join(dir.path, 'mail');
	const home = join(mail, user);
	mkdirSync(home, { recursive: true });
	writeFileSync(join(dir.path, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
	const config = join(dir.path, 'dovecot.conf');
	writeFileSync(
		config,
		`
base_dir = ${dir.path}/run
state_dir = ${dir.path}/state
log_path = ${dir.path}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir.path}/passwd
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${mail}/%u
}
${options.sieve ? JUNK_FOLDER : ''}
protocol lda {
  mail_plugins = $mail_plugins sieve
}
plugin {
  sieve = file:${dir.path}/sieve;active=${dir.path}/active.sieve
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
	);
	let sequence = 0;
	const chownTree = (path: string) => execFileSync('chown', ['-R', `${uid}:${gid}`, path]);
	const deliver = (folder: string, raw: Buffer, date: Date) => {
		const box = folder === 'INBOX' ? home : join(home, `.${folder}`);
		for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(box, sub), { recursive: true });
		const file = join(box, 'cur', `${Math.floor(date.getTime() / 1000)}.M${sequence++}P1.test:2,S`);
		writeFileSync(file, raw);
		utimesSync(file, date, date);
		chownTree(home);
	};
	const deliverLda = (raw: Buffer, from: string) => {
		execFileSync('/usr/lib/dovecot/dovecot-lda', ['-c', config, '-d', user, '-f', from], {
			input: raw,
		});
	};
	mkdirSync(join(dir.path, 'sieve'), { recursive: true });
	if (options.sieve) {
		writeFileSync(join(dir.path, 'sieve', 'placement.sieve'), options.sieve);
		symlinkSync(join(dir.path, 'sieve', 'placement.sieve'), join(dir.path, 'active.sieve'));
	}
	chownTree(join(dir.path, 'sieve'));
	chownTree(mail);
	chownSync(dir.path, 0, 0);
	// The daemon keeps inherited pipes open: no stdio, or execFileSync would wait for it forever.
	execFileSync('dovecot', ['-c', config], { stdio: 'ignore' });
	try {
		await waitForPort(port, 10_000);
	} catch (error) {
		let log = '';
		try {
			log = readFileSync(join(dir.path, 'dovecot.log'), 'utf8');
		} catch {
			/* no log yet */
		}
		throw new Error(`${(error as Error).message}\n${log}`);
	}
	return {
		host: '127.0.0.1',
		port,
		user,
		password,
		deliver,
		deliverLda,
		stop: () => {
			try {
				const pid = Number(readFileSync(join(dir.path, 'run', 'master.pid'), 'utf8'));
				process.kill(pid, 'SIGTERM');
			} catch {
				/* already gone */
			}
			setTimeout(() => dir.remove(), 500).unref();
		},
	};
}
