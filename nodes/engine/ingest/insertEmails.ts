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
	content_hash: string | null;
}

export interface InsertOutcome {
	inserted: number;
	duplicates: number;
	/** Stored although their Message-ID was taken: another message reusing it (flagged). */
	reusedIds: number;
	/** The keys this insert stored under the message's own Message-ID (not the reused ones). */
	storedKeys: string[];
}

/**
 * The stored content hash per key among `keys`, for this campaign and side: one probe per key
 * (emails_campaign_message_idx), as in assignThreads.ts. $1 campaign, $2 source, $3 competitor.
 */
const STORED_HASHES_SQL = `select wanted.key as provider_message_id,
		(select coalesce(e.content_hash, '') from emails e
		 where e.campaign_id = $1 and e.provider_message_id = wanted.key
			and e.source = $2 and e.competitor is not distinct from $3
		 limit 1) as content_hash
	from unnest($4::text[]) as wanted(key)`;

/**
 * Inserts a batch in one statement (one JSON parameter, the same SQL on PostgreSQL and PGlite).
 * Rows already there (same campaign, side and key) are left alone: re-ingesting adds nothing.
 * Returns the keys it stored.
 *
 * Each row gets its thread position and gap as they stand with what is stored and what comes before
 * it in the batch, so when mail arrives in order (an mbox, a mailbox export) the run's final pass
 * (updateThreadPositions) has nothing left to rewrite; a message older than stored ones is put right
 * there.
 */
async function insertRows(
	q: Queryable,
	target: IngestTarget,
	rows: EmailRow[],
): Promise<Set<string>> {
	if (rows.length === 0) return new Set();
	const { rows: stored } = await q.query<{ provider_message_id: string }>(
		`with batch as (
			select r.*,
				row_number() over touches as batch_position,
				lag(r.sent_at) over touches as batch_previous
			from jsonb_to_recordset($4::jsonb) as r(provider text, provider_message_id text,
				thread_id text, from_address text, from_name text, to_addresses jsonb, cc_addresses jsonb,
				subject text, body_text text, quoted_text text, signature_text text, body_html_key text,
				sent_at timestamptz, metadata jsonb, raw_key text, content_hash text, ord int)
			window touches as (partition by r.thread_id, r.from_address order by r.sent_at nulls last, r.ord)
		)
		insert into emails (campaign_id, source, competitor, provider, provider_message_id, thread_id,
			from_address, from_name, to_addresses, cc_addresses, subject, body_text, quoted_text,
			signature_text, body_html_key, sent_at, metadata, raw_key, content_hash, thread_position,
			gap_from_previous_s)
		 select $1, $2, $3, b.provider, b.provider_message_id, b.thread_id, b.from_address, b.from_name,
			array(select jsonb_array_elements_text(b.to_addresses)),
			array(select jsonb_array_elements_text(b.cc_addresses)),
			b.subject, b.body_text, b.quoted_text, b.signature_text, b.body_html_key, b.sent_at,
			b.metadata, b.raw_key, b.content_hash, b.batch_position + stored.touches,
			extract(epoch from b.sent_at - greatest(b.batch_previous, stored.latest))::bigint
		 from batch b
		 cross join lateral (
			select count(*) as touches, max(e.sent_at) as latest from emails e
			where e.campaign_id = $1 and e.thread_id = b.thread_id
				and e.from_address is not distinct from b.from_address
				and (b.sent_at is null or e.sent_at <= b.sent_at)
		 ) stored
		 order by b.ord
		 on conflict (campaign_id, source, (coalesce(competitor, '')), provider_message_id) do nothing
		 returning provider_message_id`,
		[
			target.campaignId,
			target.source,
			target.competitor ?? null,
			JSON.stringify(rows.map((row, ord) => ({ ...row, ord }))),
		],
	);
	return new Set(stored.map((row) => row.provider_message_id));
}

/**
 * Stores a batch. A row whose key is taken is a duplicate when the stored message has the same
 * content hash (or a row stored before hashes has none); when the content differs, it is another
 * message reusing the Message-ID: stored under the key with its hash appended, and flagged.
 */
export async function insertEmails(
	q: Queryable,
	target: IngestTarget,
	rows: EmailRow[],
): Promise<InsertOutcome> {
	const stored = await insertRows(q, target, rows);
	// Keys repeated within the batch: only the first can have been stored by this insert.
	const first = new Map<string, EmailRow>();
	for (const row of rows)
		if (!first.has(row.provider_message_id)) first.set(row.provider_message_id, row);
	const rest = rows.filter(
		(row) => !(stored.has(row.provider_message_id) && first.get(row.provider_message_id) === row),
	);
	const storedKeys = [...stored];
	if (rest.length === 0) return { inserted: stored.size, duplicates: 0, reusedIds: 0, storedKeys };
	const { rows: hashes } = await q.query<{
		provider_message_id: string;
		content_hash: string | null;
	}>(STORED_HASHES_SQL, [
		target.campaignId,
		target.source,
		target.competitor ?? null,
		[...new Set(rest.map((r) => r.provider_message_id))],
	]);
	const storedHash = new Map(hashes.map((h) => [h.provider_message_id, h.content_hash]));
	const reused = rest
		.filter((row) => {
			const hash = storedHash.get(row.provider_message_id);
			return hash && row.content_hash && hash !== row.content_hash;
		})
		.map((row) => ({
			...row,
			provider_message_id: `${row.provider_message_id}#${row.content_hash!.slice(0, 16)}`,
			metadata: {
				...row.metadata,
				reusedMessageId: row.provider_message_id,
				warnings: [
					...((row.metadata.warnings as string[] | undefined) ?? []),
					'another message with this Message-ID and different content is already stored; kept as a separate message',
				],
			},
		}));
	const second = await insertRows(q, target, reused);
	return {
		inserted: stored.size + second.size,
		duplicates: rest.length - second.size,
		reusedIds: second.size,
		storedKeys,
	};
}
