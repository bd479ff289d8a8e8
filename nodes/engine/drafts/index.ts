/** Stages 6–7: prospects, Blueprint-enforced drafts, human approval. */
export type * from './types';
export { prospectFromRecord, prospectFlags } from './prospectInput';
export { upsertProspects } from './upsertProspects';
export { deterministicSequence, type WriterContext } from './deterministicWriter';
export { generateDrafts, type GenerateOptions, type ProspectDrafts } from './generateDrafts';
export { listDrafts, draftPreview, type DraftFilter } from './approval/listDrafts';
export { approveDrafts, type ApprovalResult, type DraftSelector } from './approval/approveDrafts';
export { rejectDrafts } from './approval/rejectDrafts';
export { editDraft } from './approval/editDraft';
export { prospectsFromCsv, type CsvProspects } from './prospectCsv';
export { approvalPage, type ApprovalPage } from './approval/approvalPage';
export {
	applyDecision,
	decisionMode,
	type DecisionResult,
	type PageDecision,
} from './approval/applyDecision';
export { approvalSummary, type ApprovalSummary } from './approval/approvalSummary';
export { approvalSummaryPage } from './approval/summaryPage';
export { readDraftRefs } from './approval/decisionRefs';
export type { PageDraft } from './approval/pageListing';
