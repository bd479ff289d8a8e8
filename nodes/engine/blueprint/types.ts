import type { Finding } from '../outcomes/decideFindings';
import type { OutcomeSummary } from '../outcomes/summarizeOutcomes';
import type { Thresholds } from './thresholds';

/** A feature's distribution in one source group, read in SQL on the 21-point quantile grid. */
export interface Distribution {
	n: number;
	mean: number | null;
	/** Values at 0, 0.05, …, 1 (empty when n = 0). */
	quantiles: number[];
}

/** Counts per value, e.g. { interest_question: 12, meeting_ask: 3 }. */
export type Counts = Record<string, number>;

/** How many of `n` emails have a property. */
export interface Rate {
	count: number;
	n: number;
}

export const NUMERIC_FEATURES = [
	'subject_chars',
	'subject_words',
	'word_count',
	'paragraph_count',
	'longest_paragraph_words',
	'link_count',
	'reading_grade',
	'cta_relative_position',
	'gap_days',
] as const;
export type NumericFeature = (typeof NUMERIC_FEATURES)[number];

export const CATEGORICAL_FEATURES = [
	'cta_type',
	'cta_strength',
	'opening_type',
	'structure_type',
	'value_orientation',
	'cadence_bucket',
] as const;
export type CategoricalFeature = (typeof CATEGORICAL_FEATURES)[number];

export const RATES = [
	'subject_personalized',
	'subject_question',
	'subject_all_caps',
	'subject_spam_words',
	'merge_tags',
	'several_asks',
	'images',
	'not_mobile_friendly',
	'repeats_previous',
	'follow_up_re_prefix',
] as const;
export type RateName = (typeof RATES)[number];

/** Everything the Blueprint knows about one source group ("brand", "competitors", "competitor:X", "all"). */
export interface GroupStats {
	group: string;
	emails: number;
	/** Emails after the first of their thread. */
	followUps: number;
	numeric: Record<NumericFeature, Distribution>;
	/** Per step ("1", "2", …) and across all steps ("all"). */
	categories: Record<CategoricalFeature, Record<string, Counts>>;
	rates: Record<RateName, Rate>;
	/** Days since the previous touch, per step ("2", "3", …). */
	gapByStep: Record<string, Distribution>;
	/** Touches per thread. */
	touches: Distribution;
	window: { from: string | null; to: string | null };
}

export interface Aggregates {
	/** Emails in the campaign and how many of them have features. */
	emails: { total: number; featurized: number; brand: number; competitor: number };
	followUps: number;
	groups: Record<string, GroupStats>;
}

export type RuleKind = 'limit' | 'cadence' | 'do' | 'dont';
export type RuleBasis = 'data' | 'default';

/** What a data rule rests on, with every source's own figure beside the pooled one. */
export interface Evidence {
	/** The source groups pooled for the rule. */
	sources: string[];
	n: number;
	count?: number;
	share?: number;
	interval?: [number, number];
	median?: number;
	p25?: number;
	p75?: number;
	bySource: Record<string, { n: number; share?: number; median?: number }>;
}

/**
 * The id of a Blueprint rule: the fixed ones by name, a touch's asks by step, a learned rule by
 * the copy choice it is about. A typo is a compile error, not a rule no reader finds.
 */
export type RuleId =
	| 'words'
	| 'subject_chars'
	| 'subject_words'
	| 'links'
	| 'longest_paragraph_words'
	| 'reading_grade'
	| 'asks_per_email'
	| 'images'
	| 'touches'
	| `gap_step_${number}`
	| `cta_step_${number}`
	| 'opening'
	| 'subject_personalized'
	| 'prospect_focus'
	| 'follow_up_in_thread'
	| 'hard_cta_first_touch'
	| 'unresolved_merge_tags'
	| 'several_asks'
	| 'spam_words'
	| 'spam_score'
	| 'all_caps_subject'
	| 'long_paragraphs'
	| 'repeat_previous_body'
	| 'self_introduction_opening'
	| `results.${string}`;

/** One line of the Blueprint. Limits and cadence carry bounds; dos and don'ts carry values. */
export interface Rule {
	id: RuleId;
	kind: RuleKind;
	text: string;
	basis: RuleBasis;
	/** 0–1: the low end of the share's interval, or 1 − the median interval's relative width. */
	confidence: number | null;
	step?: number;
	/** The value aimed at inside [min, max] (touches in a sequence). */
	target?: number;
	min?: number;
	max?: number;
	values?: string[];
	evidence: Evidence | null;
	/** Why a default stands against the data, or how the model tightened a bound. */
	note?: string;
}

export interface DroppedSignal {
	id: string;
	reason: string;
	evidence: Evidence | null;
}

export interface LowDataWarning {
	code:
		| 'too_few_emails'
		| 'no_competitor_mail'
		| 'no_brand_mail'
		| 'no_follow_ups'
		| 'not_featurized'
		| 'no_context';
	message: string;
	/** What to add or run to lift the warning. */
	add: string;
}

export interface Synthesis {
	path: 'model' | 'deterministic';
	/** The chat model's name when the model path ran. */
	model?: string;
	positioning: string;
	valuePropositions: string[];
	tone: string;
	openingGuidance: string;
	exampleSubjects: string[];
	/** Model path: tries used, and what was refused on the way (loosened bounds, echoed email text). */
	attempts?: number;
	refused?: string[];
	/** Why the model's output was not used, when it was not. */
	fallbackReason?: string;
}

export type LearnFrom = 'all' | 'competitors' | 'brand';

/** The Blueprint itself: what drafts must obey. Deterministic given the same inputs. */
export interface BlueprintBody {
	schemaVersion: 1;
	campaign: { name: string; brand: string; competitors: string[] };
	learnFrom: LearnFrom;
	lowData: { isLow: boolean; warnings: LowDataWarning[] };
	limits: Rule[];
	cadence: Rule[];
	dos: Rule[];
	donts: Rule[];
	dropped: DroppedSignal[];
	synthesis: Synthesis;
	/**
	 * The companies the analysed mail was written to (compact, from the recipients' domains): their
	 * names never belong in a draft for someone else. Absent in Blueprints made before it existed.
	 */
	corpusCompanies?: string[];
	/** A version learned from the campaign's own results: what they showed (learnFromResults). */
	results?: LearnedResults;
}

/** One look of the results loop (learnFromResults' ResultsLook, kept with the version it made). */
export interface ResultsLookRecord {
	informationFraction: number;
	finished: number;
	planned: number;
	spentBefore: number;
	spentAfter: number;
	alpha: number;
	families: number;
}

/** The evidence a "from results" version rests on. */
export interface LearnedResults {
	/** The version the rules were added to. */
	fromVersion: number;
	summary: OutcomeSummary;
	/** The look that found them: its share of the campaign's error budget (learnFromResults). */
	look?: ResultsLookRecord;
	/** Every credible difference; each became a do or a don't. */
	findings: Finding[];
}

/** What the Blueprint was computed from: enough to explain and compare any version. */
export interface BlueprintInputs {
	window: { from: string | null; to: string | null; since: string | null; until: string | null };
	emails: Aggregates['emails'];
	followUps: number;
	thresholds: Thresholds;
	groups: Record<string, GroupStats>;
	/**
	 * A hash of everything the synthesis read (aggregates, rules, samples, the campaign's words,
	 * the model's name): a run with the same fingerprint as the active version reuses it.
	 */
	fingerprint?: string;
}
