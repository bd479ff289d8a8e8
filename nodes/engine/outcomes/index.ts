/** The campaign's results: what became of each sent message, and the rates they add up to. */
export { draftFeatures, lengthBand, type DraftFeatures, type LengthBand } from './draftFeatures';
export { listOutcomes, type DraftOutcome, type Outcome, type OutcomeOptions } from './listOutcomes';
export {
	compareGroups,
	MIN_GROUP_SIZE,
	RESULT_FEATURES,
	type GroupFinding,
	type ResultFeature,
} from './compareGroups';
export {
	summarizeOutcomes,
	type OutcomeSummary,
	type StepResult,
	type VariantResult,
} from './summarizeOutcomes';
