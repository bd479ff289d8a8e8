/** The engine's public surface: plain TypeScript, no n8n imports (agents reason, workers execute, n8n orchestrates: docs/architecture.md). */
export * from './errors';
export * from './config/StoreConfig';
export { defaultDataFolder, defaultStoreConfig } from './config/defaults';
export { storeConfigFromCredential, type StoreCredentialData } from './config/fromCredential';
export { openEngine, closeAllEngines, type Engine } from './Engine';
export { checkStore, type StoreCheck } from './checkStore';
export type { Db, Queryable, QueryResult, SqlParam } from './store/Db';
export { migrate, type MigrationReport } from './store/migrate';
export type { ObjectStore, StoredObject } from './objectStore/ObjectStore';
export * from './campaign/types';
export { createCampaign } from './campaign/createCampaign';
export { getCampaign } from './campaign/getCampaign';
export { getCampaignStatus, type CampaignStatusReport } from './status/getCampaignStatus';
export { listCampaigns, type ListCampaignsOptions } from './campaign/listCampaigns';
export { cancelCampaign, type CancelResult } from './campaign/cancelCampaign';
export { resumeCampaign } from './campaign/resumeCampaign';
export * from './outcomes';
export { parseCompetitorList } from './campaign/parseCompetitorList';
export * from './ingest/types';
export { ingestMessages, type IngestOptions } from './ingest/ingestMessages';
export {
	fileMessages,
	detectFormat,
	FILE_FORMATS,
	type FileFormat,
	type UploadedFile,
} from './ingest/fileMessages';
export { itemFields, DEFAULT_ITEM_PATHS } from './ingest/itemFields';
export type { TextFileOptions } from './ingest/csvMessages';
export type { DateOrder, DateReading } from './ingest/parseDate';
export { imapMessages, type ImapSource } from './ingest/imapMessages';
export { gmailMessages, type GmailSource } from './ingest/gmailMessages';
export {
	outlookMessages,
	graphWithToken,
	type GraphGet,
	type GraphReply,
	type OutlookSource,
} from './ingest/outlookMessages';
export {
	extractSignals,
	EXTRACTOR_VERSION,
	type EmailSignals,
	type EmailText,
} from './features/extractSignals';
export { extractFeatures, type FeatureLog, type FeatureOptions } from './features/extractFeatures';
export { queryFeatures, type FeatureFilter, type FeatureRow } from './features/queryFeatures';
export { type Embedder, embeddingText } from './features/embeddings/Embedder';
export {
	lexicalEmbedder,
	lexicalVector,
	LEXICAL_MODEL,
} from './features/embeddings/lexicalEmbedder';
export { embedEmails, type EmbeddingLog } from './features/embeddings/embedEmails';
export {
	similarEmails,
	type SimilarEmail,
	type SimilarQuery,
} from './features/embeddings/similarEmails';
export {
	templateFamilies,
	type TemplateFamily,
	type FamilyOptions,
} from './features/embeddings/templateFamilies';
export * from './blueprint';
export { lintDraft, type DraftText, type LintResult, type Violation } from './enforcer/lintDraft';
export * from './drafts';
export * from './send';
export * from './webhook';
