/**
 * When the data may decide a rule (docs/blueprint.md, "Thresholds"). A rule learned from mail needs
 * enough emails behind it and a narrow enough 95 % interval; otherwise it is dropped and the
 * documented default stands in, marked as a default.
 */
export interface Thresholds {
	/** Emails (or threads, for sequence length) behind a data rule. */
	minSample: number;
	/** A preferred value (CTA type, opening) must hold this share at the low end of its interval. */
	minShareLow: number;
	/** Widest Wilson 95 % interval a share may have and still decide a rule. */
	maxShareWidth: number;
	/** Widest 95 % interval of a median, relative to the median, for a numeric rule. */
	maxMedianWidth: number;
	/** Below this many featurized emails the Blueprint reports low data. */
	minEmails: number;
	/** Below this many follow-ups, cadence cannot be learned and is reported as low data. */
	minFollowUps: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
	minSample: 10,
	minShareLow: 0.5,
	maxShareWidth: 0.5,
	maxMedianWidth: 0.5,
	minEmails: 30,
	minFollowUps: 10,
};
