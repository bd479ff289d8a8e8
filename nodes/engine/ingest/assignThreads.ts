import type { Queryable } from '../store/Db';
import { subjectThreadKey } from './threadKey';
import type { ThreadsOfRun } from './threadsOfRun';
import type { NormalizedEmail } from './types';

/**
 * The threads of the stored messages a batch replies to, by campaign and Message-ID: one index
 * probe per id (emails_campaign_message_idx), whatever the campaign's size. A subquery per id, not
 * a join or `= any($2)`: a large ingest fills a table whose statistics still say it is small, and
 * planned on those, both read the campaign's whole index range for every batch (10M index entries
 * for 100k messages). $1 campaign id, $2 the ids.
 */
export const REPLIED_TO_SQL = `select * from (
		select wanted.id as provider_message_id,
			(select e.thread_id from emails e
			 where e.campaign_id = $1 and e.provider_message_id = wanted.id and e.thread_id is not null
			 limit 1) as thread_id
		from unnest($2::text[]) as wanted(id)
	) found
	where thread_id is not null`;

/**
 * Thread ids for a batch: the provider's thread id when it has one; else the thread of the message
 * it replies to (References root or In-Reply-To, looked up in this batch and among stored emails);
 * else the normalised subject between the same two parties. Messages the run stored itself
 * (`run`) are known without a lookup.
 */
export async function assignThreads(
	q: Queryable,
	campaignId: string,
	emails: NormalizedEmail[],
	run?: ThreadsOfRun,
): Promise<Map<NormalizedEmail, string>> {
	const byMessageId = new Map<string, string>();
	const referenced = new Set<string>();
	for (const email of emails) {
		for (const id of [email.references[0], email.inReplyTo]) {
			if (!id) continue;
			const known = run?.get(id);
			if (known) byMessageId.set(id, known);
			else referenced.add(id);
		}
	}
	if (referenced.size > 0) {
		const { rows } = await q.query<{ provider_message_id: string; thread_id: string }>(
			REPLIED_TO_SQL,
			[campaignId, [...referenced]],
		);
		for (const row of rows) byMessageId.set(row.provider_message_id, row.thread_id);
	}
	const result = new Map<NormalizedEmail, string>();
	const ordered = [...emails].sort(
		(a, b) => (a.sentAt?.getTime() ?? 0) - (b.sentAt?.getTime() ?? 0),
	);
	for (const email of ordered) {
		const parent = [email.references[0], email.inReplyTo]
			.filter((id): id is string => Boolean(id))
			.map((id) => byMessageId.get(id))
			.find(Boolean);
		const thread =
			(email.providerThreadId && `${email.provider}:${email.providerThreadId}`) ||
			parent ||
			subjectThreadKey(email.subject, email.fromAddress, email.to[0]);
		result.set(email, thread);
		if (email.messageId) byMessageId.set(email.messageId, thread);
		byMessageId.set(email.providerMessageId, thread);
	}
	return result;
}
