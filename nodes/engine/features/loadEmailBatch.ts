import type { Queryable } from '../store/Db';

/** One email as the extractor reads it, with the same sender's previous touch in its thread. */
export interface EmailForFeatures {
	id: number;
	source: 'brand' | 'competitor';
	competitor: string | null;
	subject: string;
	body_text: string;
	signature_text: string;
	to_address: string | null;
	body_html_key: string | null;
	thread_position: number | null;
	gap_from_previous_s: number | null;
	previous_body: string | null;
}

/**
 * The next emails of a campaign, by id after `afterId`, that have no features or features from an
 * older extractor version (all of them when `all`). Keyset paging on the id keeps every batch an
 * index range, and a run always moves forward even past an email that cannot be featurized.
 */
export async function loadEmailBatch(
	q: Queryable,
	campaignId: string,
	options: { afterId: number; limit: number; version: number; all: boolean },
): Promise<EmailForFeatures[]> {
	const { rows } = await q.query<EmailForFeatures>(
		`select e.id, e.source, e.competitor, e.subject, e.body_text, e.signature_text,
			e.to_addresses[1] as to_address, e.body_html_key, e.thread_position, e.gap_from_previous_s,
			prev.body_text as previous_body
		from emails e
		left join email_features f on f.email_id = e.id
		left join lateral (
			select p.body_text from emails p
			where p.campaign_id = e.campaign_id and p.thread_id = e.thread_id
				and p.from_address is not distinct from e.from_address
				and p.thread_position = e.thread_position - 1
			order by p.id limit 1
		) prev on e.thread_position > 1
		where e.campaign_id = $1 and e.id > $2
			and ($5 or f.email_id is null or f.extractor_version < $4)
		order by e.id
		limit $3`,
		[campaignId, options.afterId, options.limit, options.version, options.all],
	);
	return rows.map((row) => ({
		...row,
		id: Number(row.id),
		gap_from_previous_s: row.gap_from_previous_s === null ? null : Number(row.gap_from_previous_s),
	}));
}
