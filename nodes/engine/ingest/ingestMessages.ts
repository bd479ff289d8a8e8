import { setImmediate } from 'node:timers/promises';

import { recordEvent } from '../audit/recordEvent';
import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import { invalidInput } from '../errors';
import { mapLimit } from '../util/mapLimit';
import { assignThreads } from './assignThreads';
import { competitorMatcher, type SenderMatch, type SenderSignals } from './competitorOfSender';
import type { EmailRow } from './insertEmails';
import { insertIsolated } from './insertIsolated';
import { LocalObjectStore } from '../objectStore/LocalObjectStore';
import { analyzeAfterBulk } from '../store/analyzeAfterBulk';
import { freshStatistics } from '../store/freshStatistics';
import { mapOrdered } from '../util/mapOrdered';
import { normalizeItem } from './normalizeItem';
import { ParsePool } from './parsePool';
import { storePayload } from './storePayload';
import { ThreadsOfRun } from './threadsOfRun';
import type {
	IngestItem,
	IngestLog,
	IngestTarget,
	NormalizedEmail,
	UnmatchedSender,
} from './types';
import { updateThreadPositions } from './updateThreadPositions';

const MAX_LISTED_ERRORS = 1000;
const MAX_LISTED_SENDERS = 100;
/** Raw and HTML objects written at once per batch: enough to hide disk or S3 latency. */
const OBJECT_WRITES_IN_FLIGHT = 16;
/**
 * Messages stored between two turns of the event loop. Parsed in-thread (small inputs, or
 * parseWorkers 0), their objects are written here, synchronously for a local folder: without a
 * turn, everything else on n8n's event loop would wait for the whole batch.
 */
const OBJECT_WRITES_PER_TURN = 32;
/** Messages parsed in-thread before the worker pool is worth its start-up (~100 ms). */
const POOL_AFTER = 200;
/** Larger messages start the worker pool at once (a 256 kB message parses in ~2 ms). */
const IN_THREAD_MAX_BYTES = 256 * 1024;
/**
 * Messages being parsed at once: enough queued work to keep the workers busy while the main thread
 * is inside a batch insert (PGlite runs its queries on the main thread, ~100 ms per 500 rows; 128
 * in flight left the workers idle most of that time). 1,024 small messages are a few MB; the byte
 * budget keeps large ones from piling up (8 vs 32 MiB: 265 → 229 MB peak on a 400 MB mbox).
 */
const PARSES_IN_FLIGHT = 1024;
const PARSE_BYTES_IN_FLIGHT = 8 * 2 ** 20;
const rawBytes = (item: IngestItem) => (item.kind === 'mime' ? item.raw.length : 0);

export interface IngestOptions {
	/** Messages stored per transaction. */
	batchSize?: number;
	actor?: string;
	/** Parser worker threads for large inputs; 0 parses in-thread. Default: cores − 1, 2 to 4. */
	parseWorkers?: number;
	/** Time one message may take to parse on a worker before it is skipped as an error (60 s). */
	messageBudgetMs?: number;
}

/**
 * Checks the campaign exists and the competitor is one of its own; returns the stored target, and
 * for a seeded inbox the matcher that finds each message's competitor.
 */
async function resolveTarget(
	engine: Engine,
	target: IngestTarget,
): Promise<IngestTarget & { matcher?: (m: SenderSignals) => SenderMatch }> {
	const campaign = await loadCampaign(engine.db, target.campaignId);
	if (target.source === 'brand') return { campaignId: campaign.id, source: 'brand' };
	if (target.bySender) {
		if (!campaign.competitors.length)
			throw invalidInput(
				'Competitor mail by sender needs competitors in the campaign',
				'The campaign lists no competitors.',
			);
		return {
			campaignId: campaign.id,
			source: 'competitor',
			bySender: true,
			matcher: competitorMatcher(campaign.competitors),
		};
	}
	const wanted = target.competitor?.trim().toLowerCase();
	const known = campaign.competitors.map((c) => c.name);
	const match = known.find((name) => name.toLowerCase() === wanted);
	if (!match) {
		throw invalidInput(
			target.competitor
				? `"${target.competitor}" is not a competitor of campaign ${campaign.id}`
				: 'Competitor mail needs the competitor name',
			known.length
				? `Its competitors are: ${known.join(', ')}.`
				: 'The campaign lists no competitors.',
		);
	}
	return { campaignId: campaign.id, source: 'competitor', competitor: match };
}

/**
 * Stage 2/3: stores every message of `items` for one side of a campaign. Raw payloads and HTML go to
 * the object store under content hashes; rows go to `emails` in batches, each in one transaction, so
 * a failure never leaves half a batch. One message never costs another: a message that cannot be
 * read, parsed, kept or inserted is an error entry (where it came from, its Message-ID, why) and the
 * rest is stored. The log is written whatever happens; re-running the same input inserts nothing.
 */
export async function ingestMessages(
	engine: Engine,
	target: IngestTarget,
	items: AsyncIterable<IngestItem> | Iterable<IngestItem>,
	options: IngestOptions = {},
): Promise<IngestLog> {
	const { matcher, ...resolved } = await resolveTarget(engine, target);
	const batchSize = options.batchSize ?? 500;
	const log: IngestLog = {
		campaignId: resolved.campaignId,
		source: resolved.source,
		competitor: resolved.competitor ?? null,
		seen: 0,
		inserted: 0,
		duplicates: 0,
		errors: [],
		errorCount: 0,
		reusedMessageIds: 0,
		threadsUpdated: 0,
		startedAt: new Date().toISOString(),
		finishedAt: '',
		...(matcher ? { byCompetitor: {}, unmatched: [], unmatchedCount: 0 } : {}),
	};
	const unmatched = new Map<string, UnmatchedSender>();
	/** A seeded inbox's message: assigned to its competitor, or reported by sender, never stored. */
	const assign = (email: NormalizedEmail): boolean => {
		if (!matcher) return true;
		const match = matcher(email);
		if (match.competitor !== null) {
			email.competitor = match.competitor;
			return true;
		}
		log.unmatchedCount = (log.unmatchedCount ?? 0) + 1;
		const key = `${match.sender.toLowerCase()}|${match.candidates.join(',')}`;
		const entry = unmatched.get(key);
		if (entry) entry.messages++;
		else if (unmatched.size < MAX_LISTED_SENDERS)
			unmatched.set(key, { sender: match.sender, messages: 1, candidates: match.candidates });
		return false;
	};
	const fail = (origin: string, message: string, messageId?: string) => {
		log.errorCount++;
		if (log.errors.length < MAX_LISTED_ERRORS) {
			log.errors.push({ origin, message, ...(messageId ? { messageId } : {}) });
		}
	};
	const touchedThreads = new Set<string>();
	const runThreads = new ThreadsOfRun();
	let batch: NormalizedEmail[] = [];

	/** Object writes first (content-addressed, so a later failure leaves nothing wrong), then rows. */
	const store = async (emails: NormalizedEmail[]) => {
		if (emails.length === 0) return;
		const threads = await assignThreads(engine.db, resolved.campaignId, emails, runThreads);
		let written = 0;
		const rows = await mapLimit(
			emails,
			OBJECT_WRITES_IN_FLIGHT,
			async (email): Promise<EmailRow | null> => {
				if (++written % OBJECT_WRITES_PER_TURN === 0) await setImmediate();
				try {
					const { rawKey, htmlKey } = email.stored ?? (await storePayload(engine.objects, email));
					return {
						provider: email.provider,
						provider_message_id: email.providerMessageId,
						thread_id: threads.get(email)!,
						from_address: email.fromAddress ?? null,
						from_name: email.fromName ?? null,
						to_addresses: email.to,
						cc_addresses: email.cc,
						subject: email.subject,
						body_text: email.bodyText,
						quoted_text: email.quotedText,
						signature_text: email.signatureText,
						body_html_key: htmlKey ?? null,
						sent_at: email.sentAt?.toISOString() ?? null,
						metadata: { ...email.metadata, origin: email.origin },
						raw_key: rawKey,
						content_hash: email.contentHash ?? null,
					};
				} catch (error) {
					fail(
						email.origin,
						`could not be kept in the object store: ${(error as Error).message}`,
						email.providerMessageId,
					);
					return null;
				}
			},
		);
		const stored = rows.filter((row): row is EmailRow => row !== null);
		// One insert per competitor: a seeded inbox's batch holds several.
		const groups = new Map<string | undefined, EmailRow[]>();
		rows.forEach((row, k) => {
			if (!row) return;
			const competitor = emails[k].competitor ?? resolved.competitor;
			const group = groups.get(competitor);
			if (group) group.push(row);
			else groups.set(competitor, [row]);
		});
		for (const [competitor, group] of groups) {
			const outcome = await insertIsolated(
				engine.db,
				{ ...resolved, competitor },
				group,
				({ row, message }) =>
					fail(
						String(row.metadata.origin),
						`not stored: ${message}; the other messages of its batch were stored`,
						row.provider_message_id,
					),
			);
			log.inserted += outcome.inserted;
			runThreads.remember(outcome.storedKeys, group);
			await statistics(outcome.inserted);
			log.duplicates += outcome.duplicates;
			log.reusedMessageIds += outcome.reusedIds;
			if (log.byCompetitor && competitor)
				log.byCompetitor[competitor] = (log.byCompetitor[competitor] ?? 0) + outcome.inserted;
		}
		for (const row of stored) {
			// Duplicates too: a run that died before the positions step left them unset; the update
			// only writes rows whose position or gap actually changes.
			touchedThreads.add(row.thread_id);
		}
	};
	// The thread lookup of every inserted row needs the planner to know how big the table has grown.
	const statistics = await freshStatistics(engine.db, 'emails', resolved.campaignId);
	// Parsing the next batch overlaps with storing the previous one; batches are stored in order.
	let storing: Promise<void> = Promise.resolve();
	const flush = async () => {
		const emails = batch;
		batch = [];
		await storing;
		storing = store(emails);
		// Handled when awaited next; this only keeps Node from calling it unhandled in between.
		storing.catch(() => undefined);
	};

	// Parsing runs ahead of storing, in order; past POOL_AFTER messages it moves to worker threads.
	let pool: ParsePool | undefined;
	let parsed = 0;
	const outcome = async (item: IngestItem) => {
		if (item.kind === 'error') return { item, error: item.message };
		// A large message goes to a worker at once: only there can a time budget stop its parse.
		const large = item.kind === 'mime' && item.raw.length > IN_THREAD_MAX_BYTES;
		if ((++parsed === POOL_AFTER || large) && !pool && options.parseWorkers !== 0) {
			const objects = engine.objects;
			pool = new ParsePool(
				options.parseWorkers,
				objects instanceof LocalObjectStore ? objects.target : undefined,
				options.messageBudgetMs,
			);
		}
		try {
			return { item, email: await (pool ? pool.normalize(item) : normalizeItem(item)) };
		} catch (error) {
			return { item, error: (error as Error).message };
		}
	};
	const logKey = `logs/ingest/${resolved.campaignId}/${log.startedAt.replace(/[:.]/g, '-')}-${resolved.source}.json`;
	try {
		try {
			for await (const { item, email, error } of mapOrdered(items, PARSES_IN_FLIGHT, outcome, {
				weigh: rawBytes,
				maxWeight: PARSE_BYTES_IN_FLIGHT,
			})) {
				log.seen++;
				if (email) {
					if (assign(email)) batch.push(email);
				} else fail(item.origin, error!);
				if (batch.length >= batchSize) await flush();
			}
			await flush();
			await storing;
		} finally {
			await pool?.close();
		}
		if (log.unmatched)
			log.unmatched = [...unmatched.values()].sort((a, b) => b.messages - a.messages);
		await analyzeAfterBulk(engine.db, 'emails', log.inserted);
		log.threadsUpdated = await updateThreadPositions(engine.db, resolved.campaignId, [
			...touchedThreads,
		]);
	} catch (error) {
		// What was stored stays stored; the log says how far the run got and why it stopped.
		log.aborted = (error as Error).message;
		log.finishedAt = new Date().toISOString();
		await engine.objects
			.put(logKey, JSON.stringify(log, null, 2), 'application/json')
			.catch(() => undefined);
		throw error;
	}
	log.finishedAt = new Date().toISOString();
	await engine.objects.put(logKey, JSON.stringify(log, null, 2), 'application/json');
	log.logKey = logKey;
	await recordEvent(engine.db, {
		campaignId: resolved.campaignId,
		type: 'emails_ingested',
		actor: options.actor,
		data: {
			source: resolved.source,
			competitor: resolved.competitor ?? null,
			...(log.byCompetitor
				? { byCompetitor: log.byCompetitor, unmatched: log.unmatchedCount }
				: {}),
			inserted: log.inserted,
			duplicates: log.duplicates,
			errors: log.errorCount,
			// The first few, so the approval page can say what went wrong without reading the log.
			firstErrors: log.errors.slice(0, 5),
			...(log.unmatched?.length ? { unmatchedSenders: log.unmatched.slice(0, 5) } : {}),
			logKey,
		},
	});
	return log;
}
