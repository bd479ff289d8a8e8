/**
 * Every kind of entry in the audit trail (`campaign_events.type`), one naming style: what
 * happened, in snake_case. A typo is a compile error, not an event no reader finds. (Five older
 * names were dotted; migration 0017 renamed the stored ones.)
 */
export const EVENT_TYPES = [
	'campaign_created',
	'campaign_reused',
	'campaign_cancelled',
	'campaign_resumed',
	'campaign_auto_paused',
	'emails_ingested',
	'features_extracted',
	'blueprint_created',
	'blueprint_proposed',
	'blueprint_proposal_approved',
	'blueprint_rolled_back',
	'results_looked',
	'drafts_generated',
	'drafts_approved',
	'drafts_rejected',
	'draft_edited',
	'approval_decided',
	'deliverability_checked',
	'deliverability_overridden',
	'placement_sent',
	'placement_tested',
	'placement_overridden',
	'mailbox_paused',
	'kill_switch_engaged',
	'kill_switch_released',
	'unsubscribed',
	'reply_received',
	'auto_reply_received',
	'read_receipt_received',
	'bounce_received',
	'soft_bounce_received',
	'complaint_received',
	'unsubscribe_received',
	'sender_refused',
	'failed_sends_requeued',
	'unknown_send_resolved',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
