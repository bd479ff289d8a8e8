import { GAP_DEFAULTS, GAP_OUTER, TOUCHES } from './defaults';
import { type Basis, medianConfidence, medianEvidence, medianProblem } from './evidence';
import type { Rule, RuleId } from './types';

const clamp = (value: number, [low, high]: [number, number]) =>
	Math.min(high, Math.max(low, value));

/** How many touches a sequence has: the median thread length, with its quartiles as the range. */
function touchesRule(basis: Basis): Rule {
	const evidence = medianEvidence(basis, (g) => g.touches);
	const problem =
		medianProblem(evidence, basis.thresholds) ??
		((evidence.p75 ?? 1) < 2 ? 'no thread in the analysed mail has a follow-up' : null);
	if (problem) {
		basis.dropped.push({ id: 'touches', reason: `threads: ${problem}`, evidence });
		return {
			id: 'touches',
			kind: 'cadence',
			text: `Touches per sequence: ${TOUCHES.value} (${TOUCHES.min}–${TOUCHES.max})`,
			basis: 'default',
			confidence: null,
			target: TOUCHES.value,
			min: TOUCHES.min,
			max: TOUCHES.max,
			evidence: evidence.n ? evidence : null,
		};
	}
	const target = clamp(Math.round(evidence.median ?? TOUCHES.value), TOUCHES.outer);
	const min = Math.min(target, clamp(Math.floor(evidence.p25 ?? target), TOUCHES.outer));
	const max = Math.max(target, clamp(Math.ceil(evidence.p75 ?? target), TOUCHES.outer));
	return {
		id: 'touches',
		kind: 'cadence',
		text: `Touches per sequence: ${target}${min === max ? '' : ` (${min}–${max})`}`,
		basis: 'data',
		confidence: medianConfidence(evidence),
		target,
		min,
		max,
		evidence,
	};
}

/** Days between touch `step - 1` and `step`: the quartiles of the observed gaps, whole days. */
function gapRule(basis: Basis, step: number): Rule {
	const id: RuleId = `gap_step_${step}`;
	const evidence = medianEvidence(
		basis,
		(g) => g.gapByStep[String(step)] ?? { n: 0, mean: null, quantiles: [] },
	);
	const problem = medianProblem(evidence, basis.thresholds);
	const fallback = GAP_DEFAULTS[Math.min(step - 2, GAP_DEFAULTS.length - 1)];
	if (problem) basis.dropped.push({ id, reason: problem, evidence });
	const min = problem ? fallback.min : clamp(Math.floor(evidence.p25 ?? fallback.min), GAP_OUTER);
	const max = problem
		? fallback.max
		: Math.max(min, clamp(Math.ceil(evidence.p75 ?? fallback.max), GAP_OUTER));
	const days = min === max ? `${min} days` : `${min}–${max} days`;
	return {
		id,
		kind: 'cadence',
		text: `Touch ${step}: ${days} after touch ${step - 1}`,
		basis: problem ? 'default' : 'data',
		confidence: problem ? null : medianConfidence(evidence),
		step,
		min,
		max,
		evidence: evidence.n ? evidence : null,
	};
}

/** The number of touches, then the spacing before each follow-up. */
export function cadenceRules(basis: Basis): Rule[] {
	const touches = touchesRule(basis);
	const gaps = [];
	for (let step = 2; step <= (touches.target ?? TOUCHES.value); step++)
		gaps.push(gapRule(basis, step));
	return [touches, ...gaps];
}
