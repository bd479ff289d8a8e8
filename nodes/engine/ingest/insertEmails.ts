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
 * nothing. Returns the provider message ids that were new.
 */
export async function insertEmails(
	q: Queryable,
	target: IngestTarget,
	rows: EmailRow[],
): Promise<Set<string>> {
	if (rows.length === 0) return new Set();
	const { rows: inserted } = await q.query<{ provider_message_id: string }>(
		`insert into emails (campaign_id, source, competitor, provider, provider_message_id, thread_id,
			from_address, from_name, to_addresses, cc_addresses, subject, body_text, quoted_text,
			signature_text, body_html_key, sent_at, metadata, raw_key)
		 select $1, $2, $3, r.provider, r.provider_message_id, r.thread_id, r.from_address, r.from_name,
			array(select jsonb_array_elements_text(r.to_addresses)),
			array(select jsonb_array_elements_text(r.cc_addresses)),
			r.subject, r.body_text, r.quoted_text, r.signature_text, r.body_html_key, r.sent_at,
			r.metadata, r.raw_key
		 from jsonb_to_recordset($4::jsonb) as r(provider text, provider_message_id text, thread_id text,
			from_address text, from_name text, to_addresses jsonb, cc_addresses jsonb, subject text,
			body_text text, quoted_text text, signature_text text, body_html_key text,
			sent_at timestamptz, metadata jsonb, raw_key text)
		 on conflict (campaign_id, provider, provider_message_id) do nothing
		 returning provider_message_id`,
		[target.campaignId, target.source, target.competitor ?? null, JSON.stringify(rows)],
	);
	return new Set(inserted.map((row) => row.provider_message_id));
}
