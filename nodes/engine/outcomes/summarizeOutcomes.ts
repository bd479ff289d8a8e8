import { type Interval, wilson } from '../blueprint/intervals';
import {
	compareGroups,
	type GroupFinding,
	RESULT_FEATURES,
	type ResultFeature,
} from './compareGroups';
import type { DraftOutcome, Outcome } from './listOutcomes';

export interface StepResult {
	step: number;
	sent: number;
	replied: number;
	/** Replies over messages sent at this step, with its Wilson 95 % interval. */
	replyRate: number;
	interval: Interval;
}

export interface VariantResult {
	variant: string;
	sent: number;
	replied: number;
	/** Replies over messages sent at this step, with its Wilson 95 % interval. */
	replyRate: number;
	interval: Interval;
}

export interface OutcomeSummary {
	sent: number;
	byOutcome: Record<Outcome, number>;
	/** Every answer matched to a sent message, by what it said (out of office included). */
	byReplyClass: Record<string, number>;
	replyRate: number;
	interval: Interval;
	perStep: StepResult[];
	/** The same per variant of the sequences (empty when the drafts were written without variants). */
	perVariant: VariantResult[];
	/**
	 * The credible differences in the campaign's own results (CTA type, subject pattern, length,
	 * gap, touch, variant): what a Blueprint could learn from them (compareGroups).
	 */
	findings: GroupFinding[];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const rate = (replied: number, sent: number) => ({
	replyRate: sent ? round(replied / sent) : 0,
	interval: ((i) => ({ low: round(i.low), high: round(i.high) }))(wilson(replied, sent)),
});

/** A campaign's results: outcomes and reply classes counted, reply rates per step with intervals. */
export function summarizeOutcomes(outcomes: DraftOutcome[]): OutcomeSummary {
	const byOutcome: Record<Outcome, number> = {
		replied: 0,
		bounced: 0,
		unsubscribed: 0,
		complained: 0,
		no_answer: 0,
		pending: 0,
	};
	const byReplyClass: Record<string, number> = {};
	const steps = new Map<number, { sent: number; replied: number }>();
	const variants = new Map<string, { sent: number; replied: number }>();
	const count = <K>(map: Map<K, { sent: number; replied: number }>, key: K, replied: boolean) => {
		const entry = map.get(key) ?? { sent: 0, replied: 0 };
		entry.sent++;
		if (replied) entry.replied++;
		map.set(key, entry);
	};
	for (const o of outcomes) {
		byOutcome[o.outcome]++;
		if (o.replyClass) byReplyClass[o.replyClass] = (byReplyClass[o.replyClass] ?? 0) + 1;
		count(steps, o.step, o.outcome === 'replied');
		if (o.variant) count(variants, o.variant, o.outcome === 'replied');
	}
	return {
		sent: outcomes.length,
		byOutcome,
		byReplyClass,
		...rate(byOutcome.replied, outcomes.length),
		perStep: [...steps.entries()]
			.sort(([a], [b]) => a - b)
			.map(([step, s]) => ({ step, ...s, ...rate(s.replied, s.sent) })),
		perVariant: [...variants.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([variant, s]) => ({ variant, ...s, ...rate(s.replied, s.sent) })),
		findings: (Object.keys(RESULT_FEATURES) as ResultFeature[]).flatMap((feature) =>
			compareGroups(outcomes, feature).filter((f) => f.credible),
		),
	};
}
