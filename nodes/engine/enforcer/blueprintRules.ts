import type { BlueprintBody, Rule, RuleId } from '../blueprint/types';

const byBody = new WeakMap<BlueprintBody, Map<RuleId, Rule>>();

/**
 * The rules of a Blueprint by id, across limits, cadence, dos and don'ts; built once per body (a
 * stored Blueprint is never changed in place, and every draft of a run asks for it several times).
 */
export function rulesById(body: BlueprintBody): Map<RuleId, Rule> {
	let rules = byBody.get(body);
	if (!rules) {
		rules = new Map(
			[...body.limits, ...body.cadence, ...body.dos, ...body.donts].map((r) => [r.id, r]),
		);
		byBody.set(body, rules);
	}
	return rules;
}

/** Touches per sequence the Blueprint asks for. */
export function touchesOf(body: BlueprintBody): number {
	return rulesById(body).get('touches')?.target ?? 3;
}

/** The CTA types allowed at a step (the step's "do"; the last rule for steps past the sequence). */
export function allowedCtas(body: BlueprintBody, step: number): string[] {
	const rules = rulesById(body);
	return (
		rules.get(`cta_step_${step}`)?.values ?? rules.get(`cta_step_${touchesOf(body)}`)?.values ?? []
	);
}

/** Days after the previous touch for a step: the middle of the Blueprint's range, whole days. */
export function gapDays(body: BlueprintBody, step: number): number {
	const rule = rulesById(body).get(`gap_step_${step}`);
	if (!rule || rule.min === undefined || rule.max === undefined) return 3;
	return Math.round((rule.min + rule.max) / 2);
}
