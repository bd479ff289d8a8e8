import * as coreSchema from './0001_core_schema';
import * as vectorEmbeddings from './0002_vector_embeddings';
import * as featureSignals from './0003_feature_signals';
import * as blueprintReport from './0004_blueprint_report';
import * as draftApprovalGuard from './0005_draft_approval_guard';
import * as sendPath from './0006_send_path';
import * as inbound from './0007_inbound';
import * as emailMessageIdLookup from './0008_email_message_id_lookup';
import * as sendReviewAndProbes from './0009_send_review_and_probes';
import * as emailIdentity from './0010_email_identity';
import * as campaignIdempotency from './0011_campaign_idempotency';
import * as results from './0012_results';
import * as mailboxCursors from './0013_mailbox_cursors';
import * as deliveryFailures from './0014_delivery_failures';
import * as dailyRefund from './0015_daily_refund';
import * as webhookRequests from './0016_webhook_requests';
import * as eventNames from './0017_event_names';
import * as prospectVerification from './0018_prospect_verification';
import * as metadataPathIndex from './0019_metadata_path_index';

export interface Migration {
	id: number;
	name: string;
	sql: string;
	/** Applied only once the server has this extension; until then it waits, the rest runs. */
	requires?: 'vector';
}

/** Forward-only: a migration, once released, is never edited; changes come as a new one. */
export const MIGRATIONS: Migration[] = [
	{ id: 1, name: 'core_schema', sql: coreSchema.sql },
	{ id: 2, name: 'vector_embeddings', sql: vectorEmbeddings.sql, requires: 'vector' },
	{ id: 3, name: 'feature_signals', sql: featureSignals.sql },
	{ id: 4, name: 'blueprint_report', sql: blueprintReport.sql },
	{ id: 5, name: 'draft_approval_guard', sql: draftApprovalGuard.sql },
	{ id: 6, name: 'send_path', sql: sendPath.sql },
	{ id: 7, name: 'inbound', sql: inbound.sql },
	{ id: 8, name: 'email_message_id_lookup', sql: emailMessageIdLookup.sql },
	{ id: 9, name: 'send_review_and_probes', sql: sendReviewAndProbes.sql },
	{ id: 10, name: 'email_identity', sql: emailIdentity.sql },
	{ id: 11, name: 'campaign_idempotency', sql: campaignIdempotency.sql },
	{ id: 12, name: 'results', sql: results.sql },
	{ id: 13, name: 'mailbox_cursors', sql: mailboxCursors.sql },
	{ id: 14, name: 'delivery_failures', sql: deliveryFailures.sql },
	{ id: 15, name: 'daily_refund', sql: dailyRefund.sql },
	{ id: 16, name: 'webhook_requests', sql: webhookRequests.sql },
	{ id: 17, name: 'event_names', sql: eventNames.sql },
	{ id: 18, name: 'prospect_verification', sql: prospectVerification.sql },
	{ id: 19, name: 'metadata_path_index', sql: metadataPathIndex.sql },
];
