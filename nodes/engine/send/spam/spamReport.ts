/** One rule that fired, as spamd's report lists it. */
export interface RuleHit {
	rule: string;
	points: number;
	description: string;
	/** What the rule's pattern matched, when spamd runs the pattern-hits plugin. */
	matched?: string;
}

/** A report line: points, the rule's name, then its description (which may wrap). */
const LINE = /^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$/;

/**
 * The rules of a spamd REPORT: the table under "pts rule name description", descriptions joined
 * across their wrapped lines; and the matched texts of the line the PatternHits plugin adds
 * (`Pattern hits: RULE=base64 …`, docker/spamd/PatternHits.pm), for the rules in the table only.
 */
export function parseReport(report: string): { hits: RuleHit[]; located: boolean } {
	const lines = report.split(/\r?\n/);
	const start = lines.findIndex((l) => /^-{3,}\s+-{3,}/.test(l));
	const hits: RuleHit[] = [];
	for (const line of start < 0 ? [] : lines.slice(start + 1)) {
		const m = LINE.exec(line);
		if (m) hits.push({ points: Number(m[1]), rule: m[2], description: m[3].trim() });
		else if (/^\s{10,}\S/.test(line) && hits.length)
			hits[hits.length - 1].description += ` ${line.trim()}`;
		else if (!line.trim() || /^Pattern hits:/.test(line)) break;
	}
	const patternLine = lines.find((l) => l.startsWith('Pattern hits:'));
	if (patternLine) {
		const matched = new Map<string, string>();
		for (const token of patternLine.slice('Pattern hits:'.length).trim().split(/\s+/)) {
			const eq = token.indexOf('=');
			if (eq > 0)
				matched.set(
					token.slice(0, eq),
					Buffer.from(token.slice(eq + 1), 'base64').toString('utf8'),
				);
		}
		for (const hit of hits) {
			const text = matched.get(hit.rule);
			// "<YES>" and "<negative match>": the rule is not a pattern over the text.
			if (text !== undefined && !/^<(YES|negative match)>$/.test(text)) hit.matched = text;
		}
	}
	return { hits, located: Boolean(patternLine) };
}
