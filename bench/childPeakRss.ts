import { readdirSync, readFileSync } from 'node:fs';

/**
 * The largest peak RSS (VmHWM, MB) among the live children of `parent` (this process by default,
 * or n8n's) — the embedded store's PGlite process — so a benchmark reports the memory it moved out
 * of the measured process too. Read before the store closes. 0 where /proc is not there or no
 * child runs.
 */
export function childPeakRssMb(parent = process.pid): number {
	let peak = 0;
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
	} catch {
		return 0;
	}
	for (const pid of pids) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			// The parent pid is the second field after the parenthesised command name.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid !== parent) continue;
			const status = readFileSync(`/proc/${pid}/status`, 'utf8');
			peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
		} catch {
			// The process ended meanwhile.
		}
	}
	return Math.round(peak);
}
