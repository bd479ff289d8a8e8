import diff from 'microdiff';

import type { Engine } from '../Engine';
import { loadBlueprint } from './getBlueprint';
import type { BlueprintBody, Rule } from './types';

export interface RuleChange {
	id: string;
	kind: Rule['kind'];
	change: 'added' | 'removed' | 'changed';
	/** For "changed": each field that differs, old and new. */
	fields?: Array<{ field: string; from: unknown; to: unknown }>;
	from?: string;
	to?: string;
}

export interface BlueprintDiff {
	campaignId: string;
	from: number;
	to: number;
	identical: boolean;
	rules: RuleChange[];
	synthesis: Array<{ field: string; from: unknown; to: unknown }>;
	lowData: { from: boolean; to: boolean };
	emailsAnalysed: { from: number; to: number };
}

/** What a rule decides (not its evidence): the fields a change of strategy shows in. */
const decision = (r: Rule) => ({
	text: r.text,
	basis: r.basis,
	min: r.min,
	max: r.max,
	target: r.target,
	values: r.values,
});

const rulesOf = (body: BlueprintBody) =>
	new Map([...body.limits, ...body.cadence, ...body.dos, ...body.donts].map((r) => [r.id, r]));

const pathOf = (path: Array<string | number>) => path.join('.');

/** Rule by rule and field by field, what changed from version `from` to version `to`. */
export async function diffBlueprints(
	engine: Engine,
	campaignId: unknown,
	from: number,
	to: number,
): Promise<BlueprintDiff> {
	const [a, b] = [
		await loadBlueprint(engine.db, campaignId, from),
		await loadBlueprint(engine.db, campaignId, to),
	];
	const before = rulesOf(a.body);
	const after = rulesOf(b.body);
	const rules: RuleChange[] = [];
	for (const [id, rule] of before) {
		const next = after.get(id);
		if (!next) {
			rules.push({ id, kind: rule.kind, change: 'removed', from: rule.text });
			continue;
		}
		const fields = diff(decision(rule), decision(next)).map((d) => ({
			field: pathOf(d.path),
			from: 'oldValue' in d ? d.oldValue : undefined,
			to: 'value' in d ? d.value : undefined,
		}));
		if (fields.length)
			rules.push({
				id,
				kind: rule.kind,
				change: 'changed',
				fields,
				from: rule.text,
				to: next.text,
			});
	}
	for (const [id, rule] of after) {
		if (!before.has(id)) rules.push({ id, kind: rule.kind, change: 'added', to: rule.text });
	}
	const synthesis = diff(a.body.synthesis, b.body.synthesis).map((d) => ({
		field: pathOf(d.path),
		from: 'oldValue' in d ? d.oldValue : undefined,
		to: 'value' in d ? d.value : undefined,
	}));
	return {
		campaignId: a.campaignId,
		from,
		to,
		identical: a.contentHash === b.contentHash,
		rules,
		synthesis,
		lowData: { from: a.body.lowData.isLow, to: b.body.lowData.isLow },
		emailsAnalysed: { from: a.inputs.emails.featurized, to: b.inputs.emails.featurized },
	};
}
