// CPU time spent by each kind of process on the machine while a phase runs, read from /proc (Linux
// only; elsewhere the reading is empty). Processes that end during the phase keep the last time seen,
// so the sampling interval bounds what is lost.
import { readdirSync, readFileSync } from 'node:fs';

/** What a process is, from its command line: the categories a send bench cares about. */
export type ProcessKind = 'postgres' | 'worker' | 'sink' | 'bench' | 'other';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function kindOf(cmdline: string, benchPid: number, pid: number): ProcessKind {
	if (pid === benchPid) return 'bench';
	// A backend read before it sets its title shows the postmaster's command line.
	if (cmdline.startsWith('postgres') || cmdline.includes('/bin/postgres ')) return 'postgres';
	if (cmdline.includes('sendWorker')) return 'worker';
	if (cmdline.includes('smtpSink')) return 'sink';
	return 'other';
}

function ticksOf(pid: string): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[11]) + Number(fields[12]); // utime + stime
	} catch {
		return undefined;
	}
}

/** Samples every `intervalMs` until stopped; `stop()` gives ms of CPU per kind since `start`. */
export function sampleCpu(intervalMs = 100): { stop: () => Record<ProcessKind, number> } {
	const first = new Map<string, number>();
	const last = new Map<string, { kind: ProcessKind; ticks: number }>();
	const seen = (initial: boolean) => {
		let pids: string[] = [];
		try {
			pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
		} catch {
			return;
		}
		for (const pid of pids) {
			const ticks = ticksOf(pid);
			if (ticks === undefined) continue;
			if (initial) first.set(pid, ticks);
			const known = last.get(pid);
			if (known) known.ticks = ticks;
			else {
				let cmdline = '';
				try {
					cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
				} catch {
					continue;
				}
				last.set(pid, { kind: kindOf(cmdline, process.pid, Number(pid)), ticks });
			}
		}
	};
	seen(true);
	const timer = setInterval(() => seen(false), intervalMs);
	return {
		stop: () => {
			clearInterval(timer);
			seen(false);
			const total: Record<ProcessKind, number> = {
				postgres: 0,
				worker: 0,
				sink: 0,
				bench: 0,
				other: 0,
			};
			for (const [pid, { kind, ticks }] of last) {
				total[kind] += (ticks - (first.get(pid) ?? 0)) * TICK_MS;
			}
			return total;
		},
	};
}

/** `postgres 1.62 · worker 1.40 …` ms of CPU per message. */
export function perMessage(cpu: Record<ProcessKind, number>, messages: number): string {
	return Object.entries(cpu)
		.filter(([, ms]) => ms > 0)
		.map(([kind, ms]) => `${kind} ${(ms / messages).toFixed(2)}`)
		.join(' · ');
}
