import type { Queryable } from '../store/Db';
import type { IngestTarget } from './types';

/** One row of `emails` as the batch insert takes it (keys match the jsonb_to_recordset columns). */
export interface EmailRow {
	provider: string;
	provider_message_id: string;
	thread_id: string;
	from_address: string | null;
	from_name: string | null;
	to_addresses: string[];
	cc_addresses: string[];
	subject: string;
	body_text: string;
	quoted_text: string;
	signature_text: string;
	body_html_key: string | null;
	sent_at: string | null;
	metadata: Record<string, unknown>;
	raw_key: string;
}

/**
 * Inserts a batch in one statement (one JSON parameter, the same SQL on PostgreSQL and PGlite).
 * Rows already there (same campaign, provider and message id) are left alone: re-ingesting adds
 * nothing. Returns how many rows were new (nothing comes back per row: the ingest only counts).
 *
 * Each row gets its thread position and gap as they stand with what is stored and what comes before
 * it in the batch, so when mail arrives in order (an mbox, a mailbox export) the run's final pass
 * (updateThreadPositions) has nothing left to rewrite; a message older than stored ones is put right
 * there.
 */
export async function insertEmails(
	q: Queryable,
	target: IngestTarget,
	rows: EmailRow[],
): Promise<number> {
	if (rows.length === 0) return 0;
	const { rowCount } = await q.query(
		`with batch as (
			select r.*,
				row_number() over touches as batch_position,
				lag(r.sent_at) over touches as batch_previous
			from jsonb_to_recordset($4::jsonb) as r(provider text, provider_message_id text,
				thread_id text, from_address text, from_name text, to_addresses jsonb, cc_addresses jsonb,
				subject text, body_text text, quoted_text text, signature_text text, body_html_key text,
				sent_at timestamptz, metadata jsonb, raw_key text, ord int)
			window touches as (partition by r.thread_id, r.from_address order by r.sent_at nulls last, r.ord)
		)
		insert into emails (campaign_id, source, competitor, provider, provider_message_id, thread_id,
			from_address, from_name, to_addresses, cc_addresses, subject, body_text, quoted_text,
			signature_text, body_html_key, sent_at, metadata, raw_key, thread_position,
			gap_from_previous_s)
		 select $1, $2, $3, b.provider, b.provider_message_id, b.thread_id, b.from_address, b.from_name,
			array(select jsonb_array_elements_text(b.to_addresses)),
			array(select jsonb_array_elements_text(b.cc_addresses)),
			b.subject, b.body_text, b.quoted_text, b.signature_text, b.body_html_key, b.sent_at,
			b.metadata, b.raw_key, b.batch_position + stored.touches,
			extract(epoch from b.sent_at - greatest(b.batch_previous, stored.latest))::bigint
		 from batch b
		 cross join lateral (
			select count(*) as touches, max(e.sent_at) as latest from emails e
			where e.campaign_id = $1 and e.thread_id = b.thread_id
				and e.from_address is not distinct from b.from_address
				and (b.sent_at is null or e.sent_at <= b.sent_at)
		 ) stored
		 order by b.ord
		 on conflict (campaign_id, provider, provider_message_id) do nothing`,
		[
			target.campaignId,
			target.source,
			target.competitor ?? null,
			JSON.stringify(rows.map((row, ord) => ({ ...row, ord }))),
		],
	);
	return rowCount;
}
