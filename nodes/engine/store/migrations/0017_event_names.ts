/**
 * The audit trail's event names in one style (snake_case, audit/eventTypes.ts): the five that were
 * dotted are renamed where they are stored, so a reader asks for one name.
 */
export const sql = /* sql */ `
update campaign_events set type = case type
	when 'campaign.created' then 'campaign_created'
	when 'campaign.reused' then 'campaign_reused'
	when 'campaign.cancelled' then 'campaign_cancelled'
	when 'emails.ingested' then 'emails_ingested'
	when 'features.extracted' then 'features_extracted'
end
where type in ('campaign.created', 'campaign.reused', 'campaign.cancelled', 'emails.ingested',
	'features.extracted');
`;
