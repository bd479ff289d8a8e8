/**
 * Columns the feature queries filter on (the rest of each email's signals stay in `signals` jsonb),
 * and the index that answers the seed's example query in one index scan: "competitor emails with
 * soft CTAs, sent as step 2, with a 3–5 day follow-up cadence".
 */
export const sql = /* sql */ `
alter table email_features
	add column cta_strength text check (cta_strength in ('hard', 'soft', 'none')),
	add column value_orientation text,
	add column mobile_friendly boolean,
	add column has_ps boolean,
	add column template_family bigint;
create index email_features_sequence_cta_idx
	on email_features (campaign_id, source, follow_up_index, cta_strength, gap_days);
create index email_features_family_idx on email_features (campaign_id, template_family)
	where template_family is not null;
`;
