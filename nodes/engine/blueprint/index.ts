/** Stage 5: the Blueprint. */
export { synthesizeBlueprint, type SynthesizeOptions } from './synthesizeBlueprint';
export { getBlueprint } from './getBlueprint';
export { listBlueprints, type BlueprintSummary } from './listBlueprints';
export { diffBlueprints, type BlueprintDiff, type RuleChange } from './diffBlueprints';
export { rollbackBlueprint } from './rollbackBlueprint';
export { learnFromResults, ruleOf, type LearnResult, type ResultsLook } from './learnFromResults';
export { blueprintProposal, type BlueprintProposal } from './blueprintProposal';
export { type BlueprintRecord, canonicalJson } from './blueprintRecord';
export { renderReport } from './report/renderReport';
export { aggregateFeatures } from './aggregateFeatures';
export { deriveRules } from './deriveRules';
export type { ChatModel, ChatMessage } from './chatModel';
export { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds';
export type * from './types';
