/** The campaign's results: what became of each sent message, and the rates they add up to. */
export { draftFeatures, lengthBand, type DraftFeatures, type LengthBand } from './draftFeatures';
export { listOutcomes, type DraftOutcome, type Outcome, type OutcomeOptions } from './listOutcomes';
export { isCounted, isSuccess } from './success';
export {
	compareAll,
	compareWithinTouch,
	MIN_GROUP_SIZE,
	RESULT_FEATURES,
	type Comparison,
	type ResultFeature,
} from './compareWithinTouch';
export { decideFindings, detectableRate, MIN_EFFECT, type Finding } from './decideFindings';
export { FAMILY_ALPHA, spentBy } from './alphaSpending';
export {
	summarizeOutcomes,
	type GroupResult,
	type OutcomeSummary,
	type StepResult,
	type VariantResult,
} from './summarizeOutcomes';
