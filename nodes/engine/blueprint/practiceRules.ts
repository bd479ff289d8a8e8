import { defaultCta, GOOD_OPENINGS, HARD_CTAS } from './defaults';
import {
	type Basis,
	rateOf,
	shareConfidence,
	shareEvidence,
	shareProblem,
	topValue,
} from './evidence';
import type { CategoricalFeature, GroupStats, Rate, RateName, Rule, RuleId } from './types';

const pct = (share: number | undefined) => `${Math.round((share ?? 0) * 100)} %`;

const countsAt = (g: GroupStats, feature: CategoricalFeature, step: string) =>
	g.categories[feature][step];

/**
 * A "do" the data may decide: the most common value wins when it is a clear, stable majority and
 * one of `acceptable`; otherwise the default stands (and the data is kept as evidence).
 */
function preferred(
	basis: Basis,
	options: {
		id: RuleId;
		feature: CategoricalFeature;
		step: string;
		acceptable: (value: string) => boolean;
		fallback: string[];
		text: (values: string[]) => string;
		stepNumber?: number;
	},
): Rule {
	const top = topValue(countsAt(basis.stats, options.feature, options.step));
	const evidence = shareEvidence(basis, (g) =>
		rateOf(countsAt(g, options.feature, options.step), top ? [top] : []),
	);
	const problem =
		top === null ? 'no analysed email has this signal' : shareProblem(evidence, basis.thresholds);
	const step = options.stepNumber === undefined ? {} : { step: options.stepNumber };
	if (!problem && top && options.acceptable(top)) {
		return {
			id: options.id,
			kind: 'do',
			text: options.text([top]),
			basis: 'data',
			confidence: shareConfidence(evidence),
			...step,
			values: [top],
			evidence,
		};
	}
	if (problem) basis.dropped.push({ id: options.id, reason: problem, evidence });
	// The default's evidence is how often the mail does what the default says, never the share of
	// whatever value happened to be most common (that one is named in the note).
	const own = shareEvidence(basis, (g) =>
		rateOf(countsAt(g, options.feature, options.step), options.fallback),
	);
	const other = top !== null && !options.fallback.includes(top);
	return {
		id: options.id,
		kind: 'do',
		text: options.text(options.fallback),
		basis: 'default',
		confidence: null,
		...step,
		values: options.fallback,
		evidence: own.n ? own : null,
		...(other
			? {
					note: problem
						? `the most common is ${top} (${pct(evidence.share)}), not a clear majority`
						: `${pct(evidence.share)} of the analysed mail uses ${top}; the Blueprint does not recommend it`,
				}
			: {}),
	};
}

/** A yes/no practice the data may confirm (personalized subjects, prospect focus…). */
function practice(basis: Basis, id: RuleId, text: string, pick: (g: GroupStats) => Rate): Rule {
	const evidence = shareEvidence(basis, pick);
	const problem = shareProblem(evidence, basis.thresholds);
	if (problem) basis.dropped.push({ id, reason: problem, evidence });
	return {
		id,
		kind: 'do',
		text,
		basis: problem ? 'default' : 'data',
		confidence: problem ? null : shareConfidence(evidence),
		evidence: evidence.n ? evidence : null,
	};
}

/** A "don't" from the defaults, with how often the analysed mail does it. */
function dont(
	basis: Basis,
	id: RuleId,
	text: string,
	pick: (g: GroupStats) => Rate,
	values?: string[],
): Rule {
	const evidence = shareEvidence(basis, pick);
	const common = evidence.n > 0 && (evidence.share ?? 0) >= 0.5;
	return {
		id,
		kind: 'dont',
		text,
		basis: 'default',
		confidence: null,
		...(values ? { values } : {}),
		evidence: evidence.n ? evidence : null,
		...(common
			? { note: `${pct(evidence.share)} of the analysed mail does it; the rule stands` }
			: {}),
	};
}

const ctaText = (step: number) => (values: string[]) =>
	`Touch ${step}: ask with ${values.map((v) => v.replace(/_/g, ' ')).join(' or ')}`;

/** The preferred CTA per step, opening style, subject and focus practices. */
export function doRules(basis: Basis, touches: number): Rule[] {
	const ctas = Array.from({ length: touches }, (_, i) => {
		const step = i + 1;
		return preferred(basis, {
			id: `cta_step_${step}`,
			feature: 'cta_type',
			step: String(step),
			stepNumber: step,
			acceptable: (v) => v !== 'none' && v !== 'several' && (step > 1 || !HARD_CTAS.includes(v)),
			fallback: defaultCta(step, touches),
			text: ctaText(step),
		});
	});
	const rate = (name: RateName) => (g: GroupStats) => g.rates[name];
	return [
		...ctas,
		preferred(basis, {
			id: 'opening',
			feature: 'opening_type',
			step: '1',
			acceptable: (v) => GOOD_OPENINGS.includes(v),
			fallback: GOOD_OPENINGS,
			text: () => 'Open with something specific to the prospect, not with who you are',
		}),
		practice(
			basis,
			'subject_personalized',
			"Put the prospect's first name or company in the subject",
			rate('subject_personalized'),
		),
		practice(
			basis,
			'prospect_focus',
			'Write about the prospect (you/your) more than about yourself (we/our)',
			(g) => rateOf(countsAt(g, 'value_orientation', 'all'), ['prospect']),
		),
		practice(
			basis,
			'follow_up_in_thread',
			'Send follow-ups as replies in the same thread ("Re:" subject)',
			rate('follow_up_re_prefix'),
		),
	];
}

/** What drafts must never do, each with how common it is in the analysed mail. */
export function dontRules(basis: Basis): Rule[] {
	const rate = (name: RateName) => (g: GroupStats) => g.rates[name];
	return [
		dont(
			basis,
			'hard_cta_first_touch',
			'No meeting ask or calendar link on the first touch',
			(g) => rateOf(countsAt(g, 'cta_type', '1'), HARD_CTAS),
			HARD_CTAS,
		),
		dont(
			basis,
			'unresolved_merge_tags',
			'No unresolved merge tags or placeholders',
			rate('merge_tags'),
		),
		dont(basis, 'several_asks', 'No more than one ask per email', rate('several_asks')),
		dont(basis, 'spam_words', 'No spam-trigger words in the subject', rate('subject_spam_words')),
		dont(basis, 'all_caps_subject', 'No all-caps subject', rate('subject_all_caps')),
		dont(
			basis,
			'long_paragraphs',
			'No long paragraphs (they do not read on a phone)',
			rate('not_mobile_friendly'),
		),
		dont(
			basis,
			'repeat_previous_body',
			'No follow-up that repeats the previous touch',
			rate('repeats_previous'),
		),
		dont(basis, 'self_introduction_opening', 'No opening with a self-introduction', (g) =>
			rateOf(countsAt(g, 'opening_type', '1'), ['self_introduction']),
		),
	];
}
