import { type Interval, wilson } from '../stats/intervals';
import type { DraftOutcome, Outcome } from './listOutcomes';
import { isCounted, isSuccess } from './success';

/** Messages of one touch or variant: replies of any kind, and positive replies over counted ones. */
export interface GroupResult {
	sent: number;
	replied: number;
	/** Replies over messages sent, with its Wilson 95 % interval. */
	replyRate: number;
	interval: Interval;
	/** Finished messages that did not bounce: what a positive-reply rate is taken over. */
	counted: number;
	positive: number;
	positiveRate: number;
	positiveInterval: Interval;
}

export interface StepResult extends GroupResult {
	step: number;
}

export interface VariantResult extends GroupResult {
	variant: string;
}

export interface OutcomeSummary {
	sent: number;
	byOutcome: Record<Outcome, number>;
	/** Every answer matched to a sent message, by what it said (out of office included). */
	byReplyClass: Record<string, number>;
	replyRate: number;
	interval: Interval;
	/** Positive replies over counted messages (finished, not bounced): what learning goes by. */
	counted: number;
	positive: number;
	positiveRate: number;
	positiveInterval: Interval;
	/** Per touch: descriptive only (later touches are answered less in every sequence). */
	perStep: StepResult[];
	/** The same per variant of the sequences (empty when the drafts were written without variants). */
	perVariant: VariantResult[];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const roundInterval = (i: Interval) => ({ low: round(i.low), high: round(i.high) });

interface Tally {
	sent: number;
	replied: number;
	counted: number;
	positive: number;
}

const rates = (t: Tally): GroupResult => ({
	...t,
	replyRate: t.sent ? round(t.replied / t.sent) : 0,
	interval: roundInterval(wilson(t.replied, t.sent)),
	positiveRate: t.counted ? round(t.positive / t.counted) : 0,
	positiveInterval: roundInterval(wilson(t.positive, t.counted)),
});

/** A campaign's results: outcomes and reply classes counted, rates per touch and variant. */
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
	const all: Tally = { sent: 0, replied: 0, counted: 0, positive: 0 };
	const steps = new Map<number, Tally>();
	const variants = new Map<string, Tally>();
	const add = (t: Tally, o: DraftOutcome) => {
		t.sent++;
		if (o.outcome === 'replied') t.replied++;
		if (isCounted(o)) t.counted++;
		if (isSuccess(o)) t.positive++;
		return t;
	};
	const addTo = <K>(map: Map<K, Tally>, key: K, o: DraftOutcome) =>
		map.set(key, add(map.get(key) ?? { sent: 0, replied: 0, counted: 0, positive: 0 }, o));
	for (const o of outcomes) {
		byOutcome[o.outcome]++;
		if (o.replyClass) byReplyClass[o.replyClass] = (byReplyClass[o.replyClass] ?? 0) + 1;
		add(all, o);
		addTo(steps, o.step, o);
		if (o.variant) addTo(variants, o.variant, o);
	}
	return {
		byOutcome,
		byReplyClass,
		...rates(all),
		perStep: [...steps.entries()]
			.sort(([a], [b]) => a - b)
			.map(([step, t]) => ({ step, ...rates(t) })),
		perVariant: [...variants.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([variant, t]) => ({ variant, ...rates(t) })),
	};
}
