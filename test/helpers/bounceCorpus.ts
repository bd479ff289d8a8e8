import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { classifyInbound, parseInbound } from '../../nodes/engine';
import type { Classified } from '../../nodes/engine';

/** sisimai's public set-of-emails (BSD-2) and the result sisimai expects per file (go-sisimai). */
const ROOT = join(__dirname, '../fixtures/sisimai');
const MAILDIR = join(ROOT, 'set-of-emails');

interface Expected {
	index: number;
	status: string;
	replyCode: string;
	reason: string;
	hardBounce: boolean;
	feedbackType?: string;
}

/** One recipient as the intake reads it, whichever shape `classifyInbound` returns. */
interface Read {
	address?: string;
	reason?: string;
	suppress: boolean;
}

const HELD_BACK = new Set(['feedback', 'delivered', 'vacation']);

const recipientsOf = (c: Classified): Read[] => {
	const listed = (c as Classified & { recipients?: Read[] }).recipients;
	if (listed) return listed;
	// The shape before per-recipient results: one recipient, suppressed when hard.
	return c.recipient
		? [{ address: c.recipient, suppress: c.kind === 'hard_bounce' || c.kind === 'complaint' }]
		: [];
};

export interface CorpusFigures {
	files: number;
	readAsReplies: string[];
	hard: { recipients: number; suppressed: number; missed: string[] };
	single: { files: number; suppressedNobody: number; wrong: string[] };
	complaints: { files: number; read: number; missed: string[] };
	/** Per MTA family (the file name without its number): rows, reasons that agree. */
	reasons: Record<string, { rows: number; agree: number }>;
	parseErrors: string[];
}

/** Reads every file of the corpus through the intake and compares with sisimai's results. */
export async function measureBounceCorpus(): Promise<CorpusFigures> {
	const expected = JSON.parse(readFileSync(join(ROOT, 'expected.json'), 'utf8')) as Record<
		string,
		Expected[]
	>;
	const files = readdirSync(MAILDIR)
		.filter((f) => f.endsWith('.eml'))
		.sort();
	const out: CorpusFigures = {
		files: files.length,
		readAsReplies: [],
		hard: { recipients: 0, suppressed: 0, missed: [] },
		single: { files: 0, suppressedNobody: 0, wrong: [] },
		complaints: { files: 0, read: 0, missed: [] },
		reasons: {},
		parseErrors: [],
	};
	for (const file of files) {
		let c: Classified;
		try {
			c = classifyInbound(await parseInbound(readFileSync(join(MAILDIR, file))));
		} catch (error) {
			out.parseErrors.push(`${file}: ${(error as Error).message}`);
			continue;
		}
		if (c.kind === 'reply') out.readAsReplies.push(file);
		const rows = expected[file];
		if (!rows) continue;
		const read = recipientsOf(c);
		const family = file.replace(/-\d+\.eml$/, '');
		const agreement = (out.reasons[family] ??= { rows: 0, agree: 0 });
		for (const row of rows) {
			const mine = read[row.index - 1];
			agreement.rows++;
			const reason =
				row.reason === 'feedback' && c.kind === 'complaint' ? 'feedback' : mine?.reason;
			if (reason === row.reason) agreement.agree++;
			if (row.hardBounce) {
				out.hard.recipients++;
				if (mine?.suppress) out.hard.suppressed++;
				else out.hard.missed.push(`${file}#${row.index} (${row.reason})`);
			}
		}
		if (rows.some((r) => r.reason === 'feedback')) {
			out.complaints.files++;
			if (c.kind === 'complaint') out.complaints.read++;
			else out.complaints.missed.push(`${file} (${c.kind})`);
		}
		if (rows.length === 1 && !rows[0].hardBounce && !HELD_BACK.has(rows[0].reason)) {
			out.single.files++;
			if (!read.some((r) => r.suppress)) out.single.suppressedNobody++;
			else out.single.wrong.push(`${file} (${rows[0].reason})`);
		}
	}
	return out;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');

/** The figures as docs/sending.md prints them. */
export function formatFigures(f: CorpusFigures): string {
	const total = Object.values(f.reasons).reduce(
		(s, r) => ({ rows: s.rows + r.rows, agree: s.agree + r.agree }),
		{ rows: 0, agree: 0 },
	);
	const lines = [
		`files: ${f.files} (parse errors: ${f.parseErrors.length})`,
		`machine messages read as replies: ${f.readAsReplies.length}`,
		`hard-bounce recipients suppressed: ${f.hard.suppressed} of ${f.hard.recipients} (${pct(f.hard.suppressed, f.hard.recipients)})`,
		`single temporary or policy failures suppressing nobody: ${f.single.suppressedNobody} of ${f.single.files} (${pct(f.single.suppressedNobody, f.single.files)})`,
		`complaints read as complaints: ${f.complaints.read} of ${f.complaints.files} (${pct(f.complaints.read, f.complaints.files)})`,
		`reason agreement with sisimai: ${total.agree} of ${total.rows} (${pct(total.agree, total.rows)})`,
		'per family:',
		...Object.entries(f.reasons).map(
			([family, r]) =>
				`  ${family.padEnd(26)} ${`${r.agree}/${r.rows}`.padStart(7)} ${pct(r.agree, r.rows)}`,
		),
	];
	return lines.join('\n');
}
